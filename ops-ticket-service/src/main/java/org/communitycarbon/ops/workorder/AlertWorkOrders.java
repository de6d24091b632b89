package org.communitycarbon.ops.workorder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitycarbon.model.Quantity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Work orders for alerts other features raise (monitoring: environment thresholds, energy anomalies): opened with an
 * {@code AlertRaised} like every order, at most one active per type and source, and settled by the platform when the
 * alert clears. Runs in the caller's transaction.
 */
@Service
public class AlertWorkOrders {

    private final WorkOrders workOrders;
    private final WorkOrderLifecycle lifecycle;
    private final JdbcTemplate jdbc;

    AlertWorkOrders(WorkOrders workOrders, WorkOrderLifecycle lifecycle, JdbcTemplate jdbc) {
        this.workOrders = workOrders;
        this.lifecycle = lifecycle;
        this.jdbc = jdbc;
    }

    /**
     * Opens the order for an alert, owned by the community's property team and due {@code resolveWithin} after
     * {@code raisedAt}; its id is derived from {@code alertId}, so a replayed alert opens nothing new. Returns the
     * order that now handles the source: the new one, or the one already active for it (a reopened order, say).
     */
    public UUID open(UUID alertId, String communityId, WorkOrderType type, String sourceId, String title, Quantity observed,
            Quantity threshold, Instant raisedAt, Duration resolveWithin, Map<String, String> details) {
        NewWorkOrder order = new NewWorkOrder(NewWorkOrder.idFor(alertId), communityId, type, sourceId, alertId, title,
                observed, threshold, NewWorkOrder.propertyTeamOf(communityId), raisedAt, raisedAt.plus(resolveWithin), details);
        if (!workOrders.open(List.of(order)).isEmpty()) {
            return order.id();
        }
        List<UUID> existing = jdbc.queryForList("""
                SELECT id FROM work_order
                WHERE id = ? OR (community_id = ? AND type = ? AND source_id = ? AND status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS'))
                ORDER BY (id = ?) DESC LIMIT 1""", UUID.class, order.id(), communityId, type.name(), sourceId, order.id());
        if (existing.isEmpty()) {
            throw new IllegalStateException("work order " + order.id() + " was neither opened nor found");
        }
        return existing.get(0);
    }

    /** Says on the order that its alert cleared: resolves it if active, closes it if a person resolved it. */
    public boolean settle(UUID workOrderId, String note, Instant at) {
        return lifecycle.settleByThePlatform(workOrderId, note, at);
    }
}
