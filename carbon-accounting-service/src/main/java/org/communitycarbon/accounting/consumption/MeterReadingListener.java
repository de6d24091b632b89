package org.communitycarbon.accounting.consumption;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.support.messaging.InboundEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Reads meter readings into the {@link ConsumptionRecorder}. */
@Component
class MeterReadingListener {

    private final InboundEvents inbound;
    private final ConsumptionRecorder recorder;

    MeterReadingListener(InboundEvents inbound, ConsumptionRecorder recorder) {
        this.inbound = inbound;
        this.recorder = recorder;
    }

    @KafkaListener(topics = SensingTopics.METER_READINGS)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        recorder.record(inbound.decode(records, MeterReadingReceived.class));
    }
}
