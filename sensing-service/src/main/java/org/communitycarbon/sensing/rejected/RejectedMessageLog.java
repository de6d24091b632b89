package org.communitycarbon.sensing.rejected;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.sensing.inbound.DeviceMessageTranslator;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Keeps what the dead-letter topic holds, once per record (topic, partition, offset). */
@Service
class RejectedMessageLog {

    private final JdbcTemplate jdbc;

    RejectedMessageLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    void record(List<ConsumerRecord<String, byte[]>> records) {
        jdbc.batchUpdate("""
                INSERT INTO rejected_message
                    (id, kafka_topic, kafka_partition, kafka_offset, mqtt_topic, community_id, reason, field, payload, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", records.stream().map(RejectedMessageLog::row).toList());
    }

    private static Object[] row(ConsumerRecord<String, byte[]> record) {
        String mqttTopic = header(record, SensingTopics.HEADER_MQTT_TOPIC);
        if (mqttTopic == null) {
            mqttTopic = record.key() == null ? "" : record.key();
        }
        String reason = header(record, SensingTopics.HEADER_REASON);
        String receivedAt = header(record, SensingTopics.HEADER_RECEIVED_AT);
        return new Object[] {
                EventIds.of(record.topic(), Integer.toString(record.partition()), Long.toString(record.offset())),
                record.topic(), record.partition(), record.offset(), mqttTopic,
                DeviceMessageTranslator.communityOf(mqttTopic),
                reason == null ? "no reason given" : reason,
                header(record, SensingTopics.HEADER_FIELD),
                record.value() == null ? new byte[0] : record.value(),
                Timestamp.from(receivedAt == null ? Instant.ofEpochMilli(record.timestamp()) : Instant.parse(receivedAt))};
    }

    private static @Nullable String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
