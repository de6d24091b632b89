package org.communitycarbon.credits.ledger;

import java.math.BigDecimal;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.recycling.PickupSettled;
import org.communitycarbon.model.recycling.SettlementTopics;
import org.communitycarbon.support.messaging.InboundEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Reads the recycling service's settlements and hands them to the {@link Ledger}, which pays those settled in credits. */
@Component
class PickupSettlementListener {

    /** The most a pickup can weigh: 20 categories of at most 1000 kg each. */
    static final BigDecimal MAX_TOTAL_KG = new BigDecimal("20000");
    /** The most a pickup can be worth: 20,000 kg at the highest rate, 100,000 credits per kg. */
    static final BigDecimal MAX_CREDITS = new BigDecimal("2000000000");

    private final InboundEvents inbound;
    private final Ledger ledger;

    PickupSettlementListener(InboundEvents inbound, Ledger ledger) {
        this.inbound = inbound;
        this.ledger = ledger;
    }

    @KafkaListener(topics = SettlementTopics.PICKUP_SETTLEMENTS)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, PickupSettled.class, PickupSettlementListener::check, ledger::paySettlements);
    }

    /**
     * What paying a settlement uses: the envelope, the household, how it was paid, the credits owed (a whole number) and,
     * for the entry's reason, the pickup, its total weight and price version. Items and cash are not read.
     */
    static void check(PickupSettled settlement) {
        Require.readable(settlement.eventId(), settlement.communityId(), settlement.occurredAt());
        Require.identifier(settlement.householdId(), "householdId");
        Require.present(settlement.pickupId(), "pickupId");
        Require.present(settlement.settlement(), "settlement");
        Require.unit(settlement.credits(), "credits", Unit.CREDIT);
        BigDecimal credits = Require.between(settlement.credits().value(), "credits.value", BigDecimal.ZERO, MAX_CREDITS);
        if (credits.stripTrailingZeros().scale() > 0) {
            throw new ContractViolation("credits.value", "must be a whole number of credits, was " + Require.show(credits));
        }
        Require.unit(settlement.totalWeight(), "totalWeight", Unit.KG);
        Require.between(settlement.totalWeight().value(), "totalWeight.value", BigDecimal.ZERO, MAX_TOTAL_KG);
        if (settlement.priceVersion() < 0) {
            throw new ContractViolation("priceVersion", "must not be negative, was " + settlement.priceVersion());
        }
    }
}
