package org.communitycarbon.credits.ledger;

import java.math.BigDecimal;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.credits.earning.BinDeposits;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.accounting.AccountingTopics;
import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.support.messaging.InboundEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads recorded reductions and hands them to the {@link Ledger}, once the bin deposits of sorting reductions have
 * arrived ({@link BinDeposits#awaitEvidence}), so each drop is judged against its bin.
 */
@Component
class CarbonReductionListener {

    /** More than any one behaviour can reduce: a larger figure is a fault upstream, not credits. */
    static final BigDecimal MAX_REDUCTION_KG = new BigDecimal("100000");

    private final InboundEvents inbound;
    private final Ledger ledger;
    private final BinDeposits deposits;

    CarbonReductionListener(InboundEvents inbound, Ledger ledger, BinDeposits deposits) {
        this.inbound = inbound;
        this.ledger = ledger;
        this.deposits = deposits;
    }

    @KafkaListener(topics = AccountingTopics.CARBON_REDUCTIONS)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, CarbonReductionRecorded.class, CarbonReductionListener::check, reductions -> {
            deposits.awaitEvidence(reductions);
            ledger.award(reductions);
        });
    }

    /** What crediting uses of a reduction. */
    static void check(CarbonReductionRecorded reduction) {
        Require.readable(reduction.eventId(), reduction.communityId(), reduction.occurredAt());
        Require.identifier(reduction.householdId(), "householdId");
        Require.present(reduction.behaviour(), "behaviour");
        Require.present(reduction.activity(), "activity");
        Require.unit(reduction.reduction(), "reduction", Unit.KG_CO2E);
        Require.positive(reduction.reduction().value(), "reduction.value", MAX_REDUCTION_KG);
        Require.identifier(reduction.methodology(), "methodology");
        Require.present(reduction.sourceEventId(), "sourceEventId");
    }
}
