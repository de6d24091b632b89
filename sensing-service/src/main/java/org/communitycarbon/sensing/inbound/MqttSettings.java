package org.communitycarbon.sensing.inbound;

import java.time.Duration;

import org.communitycarbon.model.device.DeviceTopic;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The connection to the MQTT broker.
 *
 * @param url broker address, e.g. {@code tcp://localhost:1883}
 * @param clientId stable per instance: the broker keeps the session and its unacknowledged messages under it
 * @param sharedGroup the shared-subscription group; every instance in it gets a share of the messages. Blank for a
 *        plain subscription, for a deployment that runs exactly one instance (the local run): brokers deliver
 *        plain subscriptions more cheaply.
 * @param topicFilter what to subscribe to within the group: everything under the device root, so that a
 *        message on a malformed topic is refused with a reason instead of going unnoticed
 * @param sessionExpiry how long the broker keeps the session (and queues messages) while this instance is away
 * @param receiveMaximum how many messages the broker may have in flight to this instance unacknowledged:
 *        the back-pressure window while Kafka is slow
 * @param workers threads that translate and forward messages; one device's messages always go to the same one
 */
@ConfigurationProperties("platform.mqtt")
public record MqttSettings(
        String url,
        String clientId,
        @Nullable String username,
        @Nullable String password,
        @DefaultValue("sensing") String sharedGroup,
        @DefaultValue(DeviceTopic.ROOT + "/#") String topicFilter,
        @DefaultValue("1h") Duration sessionExpiry,
        @DefaultValue("1000") int receiveMaximum,
        @DefaultValue("30") int keepAliveSeconds,
        @DefaultValue("2") int workers) {

    /** {@code $share/<group>/<filter>}, or the filter alone without a group. */
    public String subscription() {
        return sharedGroup.isBlank() ? topicFilter : "$share/" + sharedGroup + "/" + topicFilter;
    }

    boolean hasCredentials() {
        return username != null && !username.isBlank();
    }
}
