package org.communitycarbon.ops.workorder;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.communitycarbon.model.ops.EscalationLevel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Work orders and their trails for other features that decide for themselves who may see what (Open311: a resident's
 * report and its status notes). No scope check here.
 */
@Service
public class WorkOrderReader {

    private final WorkOrderRepository orders;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    WorkOrderReader(WorkOrderRepository orders, JdbcTemplate jdbc, Clock clock) {
        this.orders = orders;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<WorkOrderView> find(UUID id) {
        return orders.findById(id).map(order -> WorkOrderView.of(order, clock.instant()));
    }

    /** The order's trail, oldest first. */
    @Transactional(readOnly = true)
    public List<WorkOrderChangeView> trail(UUID id) {
        return jdbc.query("""
                SELECT sequence, changed_at, kind, actor, from_state, to_state, assignee, note, photos, escalation_level
                FROM work_order_change WHERE work_order_id = ? ORDER BY sequence""", (rs, row) -> new WorkOrderChangeView(
                rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                WorkOrderStatus.valueOf(rs.getString(5)), WorkOrderStatus.valueOf(rs.getString(6)), rs.getString(7),
                rs.getString(8), List.of((String[]) rs.getArray(9).getArray()),
                rs.getString(10) == null ? null : EscalationLevel.valueOf(rs.getString(10))), id);
    }
}
