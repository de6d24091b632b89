package org.communitycarbon.ops.workorder;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.recycling.PickupDeadline;
import org.communitycarbon.model.recycling.PickupDeadlineMissed;

/**
 * The work order a missed pickup deadline opens: {@link WorkOrderType#PICKUP_DISPATCH_LATE} for the dispatch deadline,
 * {@link WorkOrderType#PICKUP_VISIT_LATE} for the arrival deadline; the source is the pickup, the order is observed
 * when the recycling service noticed the breach and due {@link PickupLateSettings} later. Observed: the minutes past
 * the deadline when it was noticed, against a threshold of 0.
 */
final class LatePickupRule {

    private static final Quantity ON_TIME = Quantity.of(BigDecimal.ZERO, Unit.MINUTE);

    private final PickupLateSettings settings;

    LatePickupRule(PickupLateSettings settings) {
        this.settings = settings;
    }

    static WorkOrderType typeOf(PickupDeadline deadline) {
        return switch (deadline) {
            case DISPATCH -> WorkOrderType.PICKUP_DISPATCH_LATE;
            case ARRIVAL -> WorkOrderType.PICKUP_VISIT_LATE;
        };
    }

    NewWorkOrder orderFor(PickupDeadlineMissed breach) {
        WorkOrderType type = typeOf(breach.deadline());
        Duration within = type == WorkOrderType.PICKUP_DISPATCH_LATE ? settings.dispatchResolveWithin() : settings.visitResolveWithin();
        long minutesLate = Math.max(0, Duration.between(breach.dueAt(), breach.occurredAt()).toMinutes());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("pickupId", breach.pickupId().toString());
        details.put("deadline", breach.deadline().name());
        details.put("dueAt", breach.dueAt().toString());
        if (breach.recyclerId() != null) {
            details.put("recyclerId", breach.recyclerId());
        }
        return new NewWorkOrder(NewWorkOrder.idFor(breach.eventId()), breach.communityId(), type, breach.pickupId().toString(),
                breach.eventId(), title(breach), Quantity.of(BigDecimal.valueOf(minutesLate), Unit.MINUTE), ON_TIME,
                NewWorkOrder.propertyTeamOf(breach.communityId()), breach.occurredAt(), breach.occurredAt().plus(within), details);
    }

    private static String title(PickupDeadlineMissed breach) {
        Instant due = breach.dueAt().truncatedTo(ChronoUnit.MINUTES);
        String recycler = breach.recyclerId() == null ? "" : " (recycler " + breach.recyclerId() + ")";
        return switch (breach.deadline()) {
            case DISPATCH -> "Pickup " + breach.pickupId() + " not dispatched to a recycler by " + due + recycler;
            case ARRIVAL -> "Pickup " + breach.pickupId() + " not collected by " + due + recycler;
        };
    }
}
