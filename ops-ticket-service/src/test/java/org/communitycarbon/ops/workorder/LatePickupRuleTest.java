package org.communitycarbon.ops.workorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.Unit;
import org.communitycarbon.model.ops.AlertType;
import org.communitycarbon.model.recycling.PickupDeadline;
import org.communitycarbon.model.recycling.PickupDeadlineMissed;
import org.communitycarbon.model.recycling.PickupState;
import org.junit.jupiter.api.Test;

class LatePickupRuleTest {

    private final LatePickupRule rule = new LatePickupRule(new PickupLateSettings(Duration.ofHours(1), Duration.ofHours(4)));
    private final UUID pickup = UUID.randomUUID();
    private final Instant due = Instant.parse("2026-11-23T08:11:00Z");

    @Test
    void aMissedDispatchOpensALateDispatchOrderDueInAnHourWithoutARecycler() {
        PickupDeadlineMissed breach = Pickups.missed("maple-court", pickup, PickupDeadline.DISPATCH, due, null, PickupState.REQUESTED);

        NewWorkOrder order = rule.orderFor(breach);

        assertThat(order.type()).isEqualTo(WorkOrderType.PICKUP_DISPATCH_LATE);
        assertThat(order.type().priority()).isEqualTo(WorkOrderPriority.NORMAL);
        assertThat(order.id()).isEqualTo(NewWorkOrder.idFor(breach.eventId()));
        assertThat(order.sourceId()).isEqualTo(pickup.toString());
        assertThat(order.openedAt()).isEqualTo(breach.occurredAt());
        assertThat(order.deadline()).isEqualTo(breach.occurredAt().plus(Duration.ofHours(1)));
        assertThat(order.details()).containsOnlyKeys("pickupId", "deadline", "dueAt").containsEntry("deadline", "DISPATCH");
        assertThat(order.title()).isEqualTo("Pickup " + pickup + " not dispatched to a recycler by 2026-11-23T08:11:00Z");
    }

    @Test
    void aMissedArrivalOpensAHighPriorityVisitOrderNamingTheRecyclerAndTheMinutesLate() {
        PickupDeadlineMissed breach = Pickups.missed("maple-court", pickup, PickupDeadline.ARRIVAL, due, "green-cycle",
                PickupState.ACCEPTED);

        NewWorkOrder order = rule.orderFor(breach);

        assertThat(order.type()).isEqualTo(WorkOrderType.PICKUP_VISIT_LATE);
        assertThat(order.type().alertType()).isEqualTo(AlertType.PICKUP_VISIT_LATE);
        assertThat(order.type().priority()).isEqualTo(WorkOrderPriority.HIGH);
        assertThat(order.deadline()).isEqualTo(breach.occurredAt().plus(Duration.ofHours(4)));
        assertThat(order.observed().unit()).isEqualTo(Unit.MINUTE);
        assertThat(order.observed().value()).isEqualByComparingTo("1");
        assertThat(order.threshold().value()).isEqualByComparingTo("0");
        assertThat(order.details()).containsEntry("recyclerId", "green-cycle").containsEntry("pickupId", pickup.toString())
                .containsEntry("dueAt", due.toString());
        assertThat(order.alertRaised().alertType()).isEqualTo(AlertType.PICKUP_VISIT_LATE);
        order.alertRaised().validate();
    }
}
