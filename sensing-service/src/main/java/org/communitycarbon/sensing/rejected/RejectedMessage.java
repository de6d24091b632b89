package org.communitycarbon.sensing.rejected;

import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.Immutable;
import org.jspecify.annotations.Nullable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A refused MQTT message, as read from the dead-letter topic. */
@Entity
@Immutable
@Table(name = "rejected_message")
class RejectedMessage {

    @Id
    private UUID id;

    @Column(name = "mqtt_topic")
    private String mqttTopic;

    @Column(name = "community_id")
    private @Nullable String communityId;

    private String reason;

    private @Nullable String field;

    private byte[] payload;

    @Column(name = "received_at")
    private Instant receivedAt;

    protected RejectedMessage() {
    }

    UUID id() {
        return id;
    }

    String mqttTopic() {
        return mqttTopic;
    }

    @Nullable
    String communityId() {
        return communityId;
    }

    String reason() {
        return reason;
    }

    @Nullable
    String field() {
        return field;
    }

    byte[] payload() {
        return payload;
    }

    Instant receivedAt() {
        return receivedAt;
    }
}
