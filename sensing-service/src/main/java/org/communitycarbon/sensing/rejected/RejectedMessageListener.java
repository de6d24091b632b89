package org.communitycarbon.sensing.rejected;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.sensing.SensingTopics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Reads the MQTT dead-letter topic into {@link RejectedMessageLog}. */
@Component
class RejectedMessageListener {

    private final RejectedMessageLog log;

    RejectedMessageListener(RejectedMessageLog log) {
        this.log = log;
    }

    @KafkaListener(topics = SensingTopics.MQTT_DEAD_LETTERS)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        log.record(records);
    }
}
