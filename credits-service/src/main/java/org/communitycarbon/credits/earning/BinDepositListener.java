package org.communitycarbon.credits.earning;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.model.sensing.WasteDeposited;
import org.communitycarbon.support.messaging.InboundEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Reads the bins' drops and hands them to {@link BinDeposits}; one it cannot use goes to {@code sensing.waste-deposits-dlt}. */
@Component
class BinDepositListener {

    private final InboundEvents inbound;
    private final BinDeposits deposits;

    BinDepositListener(InboundEvents inbound, BinDeposits deposits) {
        this.inbound = inbound;
        this.deposits = deposits;
    }

    @KafkaListener(topics = SensingTopics.WASTE_DEPOSITS)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, WasteDeposited.class, BinDepositListener::check, deposits::record);
    }

    /** What the anti-fraud checks use of a deposit. */
    static void check(WasteDeposited deposit) {
        Require.readable(deposit.eventId(), deposit.communityId(), deposit.occurredAt());
        Require.identifier(deposit.deviceId(), "deviceId");
        Require.identifier(deposit.householdId(), "householdId");
        Require.present(deposit.wasteKind(), "wasteKind");
        Require.unit(deposit.weight(), "weight", Unit.KG);
        WasteDeposited.checkWeight(deposit.weight().value(), "weight.value");
    }
}
