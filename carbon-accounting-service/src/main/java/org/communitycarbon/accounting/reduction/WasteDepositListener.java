package org.communitycarbon.accounting.reduction;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.model.sensing.WasteDeposited;
import org.communitycarbon.support.messaging.InboundEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Reads waste deposits into the {@link ReductionRecorder}. */
@Component
class WasteDepositListener {

    private final InboundEvents inbound;
    private final ReductionRecorder recorder;

    WasteDepositListener(InboundEvents inbound, ReductionRecorder recorder) {
        this.inbound = inbound;
        this.recorder = recorder;
    }

    @KafkaListener(topics = SensingTopics.WASTE_DEPOSITS)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        recorder.recordDeposits(inbound.decode(records, WasteDeposited.class));
    }
}
