package org.communitycarbon.ops.workorder;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.ops.AlertRaised;

/**
 * A work order the rules decided to open, before the database has accepted it.
 *
 * @param id derived from {@code sourceEventId}, so the same triggering event can never open two orders
 * @param sourceEventId the event that triggered it
 * @param openedAt when the condition was observed (the reading's time), which the deadline counts from
 * @param details what the type adds (see {@link WorkOrderDetails}), empty for none
 */
record NewWorkOrder(
        UUID id,
        String communityId,
        WorkOrderType type,
        String sourceId,
        UUID sourceEventId,
        String title,
        Quantity observed,
        Quantity threshold,
        String owner,
        Instant openedAt,
        Instant deadline,
        Map<String, String> details) {

    NewWorkOrder {
        details = Map.copyOf(details);
        if (observed.unit() != threshold.unit()) {
            throw new IllegalArgumentException("observed is in " + observed.unit() + " but threshold in " + threshold.unit());
        }
        if (!deadline.isAfter(openedAt)) {
            throw new IllegalArgumentException("the deadline must be after the opening time");
        }
    }

    /** An order whose type adds no details. */
    NewWorkOrder(UUID id, String communityId, WorkOrderType type, String sourceId, UUID sourceEventId, String title,
            Quantity observed, Quantity threshold, String owner, Instant openedAt, Instant deadline) {
        this(id, communityId, type, sourceId, sourceEventId, title, observed, threshold, owner, openedAt, deadline, Map.of());
    }

    /** The id of the order a triggering event opens. */
    static UUID idFor(UUID sourceEventId) {
        return EventIds.derived(sourceEventId, "work-order");
    }

    /** Who owns an order until a person is assigned: the property team of its community. */
    static String propertyTeamOf(String communityId) {
        return "property:" + communityId;
    }

    /** The event announcing this order; its id is derived from the order's, so a replay repeats it exactly. */
    AlertRaised alertRaised() {
        return new AlertRaised(EventIds.derived(id, "alert-raised"), AlertRaised.SCHEMA_VERSION, communityId, openedAt,
                type.alertType(), sourceId, observed, threshold, id, deadline);
    }
}
