package org.communitycarbon.accounting.reduction;

import java.math.BigDecimal;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.recycling.PickupSettled;
import org.communitycarbon.model.recycling.SettlementTopics;
import org.communitycarbon.support.messaging.InboundEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Reads the recycling service's settlements into the {@link ReductionRecorder}: recycled goods, once per pickup. */
@Component
class PickupSettlementListener {

    /** The most a pickup can weigh: 20 categories of at most 1000 kg each. */
    static final BigDecimal MAX_TOTAL_KG = new BigDecimal("20000");

    private final InboundEvents inbound;
    private final ReductionRecorder recorder;

    PickupSettlementListener(InboundEvents inbound, ReductionRecorder recorder) {
        this.inbound = inbound;
        this.recorder = recorder;
    }

    @KafkaListener(topics = SettlementTopics.PICKUP_SETTLEMENTS)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, PickupSettled.class, PickupSettlementListener::check, recorder::recordSettlements);
    }

    /**
     * What recording recycled goods uses of a settlement: the envelope, the household, the total weight (to the
     * gram, as the contract writes it) and, when present, the booker (an identifier, as the producer writes it; absent in
     * settlements written before it). Items, prices and the way the household was paid are not read: a pickup settled
     * in cash avoided the same CO2e as one settled in credits.
     */
    static void check(PickupSettled settlement) {
        Require.readable(settlement.eventId(), settlement.communityId(), settlement.occurredAt());
        Require.identifier(settlement.householdId(), "householdId");
        Require.unit(settlement.totalWeight(), "totalWeight", Unit.KG);
        Require.decimal(settlement.totalWeight().value(), "totalWeight.value", new BigDecimal("0.001"), MAX_TOTAL_KG, 3);
        if (settlement.bookedBy() != null) {
            Require.identifier(settlement.bookedBy(), "bookedBy");
        }
    }
}
