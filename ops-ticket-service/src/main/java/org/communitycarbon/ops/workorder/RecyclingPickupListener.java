package org.communitycarbon.ops.workorder;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.recycling.PickupDeadlineMissed;
import org.communitycarbon.model.recycling.PickupStatusChanged;
import org.communitycarbon.model.recycling.RecyclingTopics;
import org.communitycarbon.support.messaging.InboundEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads the recycling service's missed pickup deadlines and pickup steps and hands each batch to {@link LatePickups}.
 * Each checks only what it uses (tolerant reader).
 */
@Component
class RecyclingPickupListener {

    private final InboundEvents inbound;
    private final LatePickups latePickups;

    RecyclingPickupListener(InboundEvents inbound, LatePickups latePickups) {
        this.inbound = inbound;
        this.latePickups = latePickups;
    }

    @KafkaListener(topics = RecyclingTopics.PICKUP_DEADLINES)
    void onDeadlineMissed(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, PickupDeadlineMissed.class, RecyclingPickupListener::check, latePickups::recordBreaches);
    }

    @KafkaListener(topics = RecyclingTopics.PICKUPS)
    void onStep(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, PickupStatusChanged.class, RecyclingPickupListener::check, latePickups::recordSteps);
    }

    /** What opening a work order uses of a breach. */
    static void check(PickupDeadlineMissed breach) {
        Require.readable(breach.eventId(), breach.communityId(), breach.occurredAt());
        Require.present(breach.pickupId(), "pickupId");
        Require.present(breach.deadline(), "deadline");
        Require.present(breach.dueAt(), "dueAt");
        Require.optionalIdentifier(breach.recyclerId(), "recyclerId");
    }

    /** What resolving a late pickup's order uses of a step. */
    static void check(PickupStatusChanged step) {
        Require.readable(step.eventId(), step.communityId(), step.occurredAt());
        Require.present(step.pickupId(), "pickupId");
        Require.present(step.status(), "status");
    }
}
