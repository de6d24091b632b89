package org.communitycarbon.accounting.reduction;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;
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
        inbound.process(records, WasteDeposited.class, WasteDepositListener::check, recorder::recordDeposits);
    }

    /** What storing a deposit and crediting it uses; the weight must fit the column. */
    static void check(WasteDeposited deposit) {
        Require.readable(deposit.eventId(), deposit.communityId(), deposit.occurredAt());
        Require.identifier(deposit.deviceId(), "deviceId");
        Require.identifier(deposit.householdId(), "householdId");
        Require.present(deposit.wasteKind(), "wasteKind");
        Require.unit(deposit.weight(), "weight", Unit.KG);
        WasteDeposited.checkWeight(deposit.weight().value(), "weight.value");
    }
}
