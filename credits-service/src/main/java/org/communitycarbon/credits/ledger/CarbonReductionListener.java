package org.communitycarbon.credits.ledger;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.accounting.AccountingTopics;
import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.support.messaging.InboundEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Reads recorded reductions and hands them to the {@link Ledger}. */
@Component
class CarbonReductionListener {

    private final InboundEvents inbound;
    private final Ledger ledger;

    CarbonReductionListener(InboundEvents inbound, Ledger ledger) {
        this.inbound = inbound;
        this.ledger = ledger;
    }

    @KafkaListener(topics = AccountingTopics.CARBON_REDUCTIONS)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        ledger.award(inbound.decode(records, CarbonReductionRecorded.class));
    }
}
