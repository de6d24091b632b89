package org.communitycarbon.ops.monitoring;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.ops.workorder.AlertWorkOrders;
import org.communitycarbon.ops.workorder.WorkOrderType;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.NotFoundException;
import org.communitycarbon.support.web.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Monitoring alerts of both kinds, environment and energy: at most one active per community, rule and source (the
 * database's partial unique index), raised with an id derived from the condition and the time it was raised, so a
 * replay raises nothing new. An alert whose severity needs action opens a work order, once; when the alert clears,
 * its order says so ({@link AlertWorkOrders#settle}). Everything runs in the caller's transaction.
 */
@Service
class Alerts {

    static final String SELECT = """
            SELECT id, community_id, rule, source_id, severity, status, title, raised_at, observed, threshold, unit, peak,
                   acknowledged_at, acknowledged_by, cleared_at, cleared_value, work_order_id
            FROM monitoring_alert""";

    private final JdbcClient jdbc;
    private final AlertWorkOrders workOrders;
    private final Clock clock;
    private final MeterRegistry meters;

    Alerts(JdbcClient jdbc, AlertWorkOrders workOrders, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.workOrders = workOrders;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * A condition to raise an alert for.
     *
     * @param sourceId the area (environment) or the subsystem or area (energy) the alert is about
     * @param orderSource the work order's source: the rule and the source, as an identifier
     * @param workOrder the type of the order to open, null when this alert needs none
     */
    record Draft(String communityId, AlertRule rule, String sourceId, String orderSource, Severity severity, String title,
            Instant raisedAt, BigDecimal observed, BigDecimal threshold, Unit unit, @Nullable WorkOrderType workOrder,
            Duration resolveWithin, Map<String, String> details) {
    }

    /** The id of the alert a condition raises at an instant. */
    static UUID idOf(String communityId, AlertRule rule, String sourceId, Instant raisedAt) {
        return EventIds.of(communityId, "monitoring-alert", rule.name(), sourceId, raisedAt.toString());
    }

    /** The active alerts of these conditions, by source, locked. */
    Map<String, AlertView> active(String communityId, AlertRule rule, Collection<String> sources) {
        Map<String, AlertView> found = new HashMap<>();
        if (sources.isEmpty()) {
            return found;
        }
        jdbc.sql(SELECT + " WHERE community_id = ? AND rule = ? AND source_id = ANY(?) AND status = 'ACTIVE' FOR UPDATE")
                .params(communityId, rule.name(), sources.toArray(String[]::new))
                .query(AlertView.ROWS).list()
                .forEach(alert -> found.put(alert.sourceId(), alert));
        return found;
    }

    /** Raises the alert unless one is already active for its condition; opens its work order if it needs one. */
    @Nullable AlertView raise(Draft draft) {
        UUID id = idOf(draft.communityId(), draft.rule(), draft.sourceId(), draft.raisedAt());
        int inserted = jdbc.sql("""
                INSERT INTO monitoring_alert (id, community_id, rule, source_id, severity, status, title, raised_at, observed,
                                              threshold, unit, peak)
                VALUES (?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")
                .params(id, draft.communityId(), draft.rule().name(), draft.sourceId(), draft.severity().name(),
                        draft.title(), Timestamp.from(draft.raisedAt()), draft.observed(), draft.threshold(),
                        draft.unit().name(), draft.observed())
                .update();
        if (inserted == 0) {
            return null;
        }
        meters.counter("ops.monitoring.alerts.raised", "rule", draft.rule().name()).increment();
        if (draft.workOrder() != null) {
            openOrder(id, draft, draft.severity(), draft.observed());
        }
        return find(id);
    }

    /** An active alert's severity rose: kept, and a work order opened if it now needs one and has none. */
    void escalate(AlertView alert, Draft draft) {
        jdbc.sql("UPDATE monitoring_alert SET severity = ?, peak = greatest(peak, ?) WHERE id = ? AND status = 'ACTIVE'")
                .params(draft.severity().name(), draft.observed(), alert.id())
                .update();
        if (draft.workOrder() != null && alert.workOrderId() == null) {
            openOrder(alert.id(), draft, draft.severity(), draft.observed());
        }
    }

    /** Keeps the highest value an active alert has seen. */
    void peak(UUID alertId, BigDecimal value) {
        jdbc.sql("UPDATE monitoring_alert SET peak = ? WHERE id = ? AND peak < ?").params(value, alertId, value).update();
    }

    /** Clears an active alert, and says so on its work order. */
    void clear(AlertView alert, Instant at, BigDecimal value, String note) {
        int cleared = jdbc.sql("""
                UPDATE monitoring_alert SET status = 'CLEARED', cleared_at = ?, cleared_value = ?
                WHERE id = ? AND status = 'ACTIVE'""")
                .params(Timestamp.from(at), value, alert.id())
                .update();
        if (cleared > 0) {
            meters.counter("ops.monitoring.alerts.cleared", "rule", alert.rule().name()).increment();
            if (alert.workOrderId() != null) {
                workOrders.settle(alert.workOrderId(), Texts.bounded(note, 500), at);
            }
        }
    }

    private void openOrder(UUID alertId, Draft draft, Severity severity, BigDecimal observed) {
        Map<String, String> details = new HashMap<>(draft.details());
        details.put("alertId", alertId.toString());
        details.put("severity", severity.name());
        UUID order = workOrders.open(alertId, draft.communityId(), draft.workOrder(), draft.orderSource(), draft.title(),
                Quantity.of(observed, draft.unit()), Quantity.of(draft.threshold(), draft.unit()), draft.raisedAt(),
                draft.resolveWithin(), details);
        jdbc.sql("UPDATE monitoring_alert SET work_order_id = ? WHERE id = ?").params(order, alertId).update();
    }

    /** When the latest cleared alert of a condition cleared, if any. */
    @Nullable Instant lastCleared(String communityId, AlertRule rule, String sourceId) {
        List<Instant> cleared = new ArrayList<>();
        jdbc.sql("SELECT max(cleared_at) FROM monitoring_alert WHERE community_id = ? AND rule = ? AND source_id = ?")
                .params(communityId, rule.name(), sourceId)
                .query(rs -> {
                    Timestamp at = rs.getTimestamp(1);
                    if (at != null) {
                        cleared.add(at.toInstant());
                    }
                });
        return cleared.isEmpty() ? null : cleared.get(0);
    }

    @Nullable AlertView find(UUID id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(AlertView.ROWS).optional().orElse(null);
    }

    /** A community's alerts, newest first, optionally of one status and kind. */
    @Transactional(readOnly = true)
    PageView<AlertView> list(String communityId, @Nullable AlertStatus status, @Nullable AlertKind kind, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE community_id = ?");
        List<Object> params = new ArrayList<>(List.of(communityId));
        if (status != null) {
            where.append(" AND status = ?");
            params.add(status.name());
        }
        if (kind != null) {
            where.append(" AND rule = ANY(?)");
            params.add(kind.rules().stream().map(Enum::name).toArray(String[]::new));
        }
        long total = jdbc.sql("SELECT count(*) FROM monitoring_alert" + where).params(params).query(Long.class).single();
        List<Object> paged = new ArrayList<>(params);
        paged.add(size);
        paged.add((long) page * size);
        List<AlertView> items = jdbc.sql(SELECT + where + " ORDER BY raised_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(paged).query(AlertView.ROWS).list();
        return PageView.of(new PageImpl<>(items, PageRequest.of(page, size), total));
    }

    /**
     * The community's property manager or staff (or an admin) acknowledges an alert: they know. Acknowledging again
     * changes nothing; an alert outside the caller's community is not found.
     */
    @Transactional
    AlertView acknowledge(Caller caller, UUID id) {
        caller.requireAnyRole(Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN);
        AlertView alert = jdbc.sql(SELECT + " WHERE id = ? FOR UPDATE").param(id).query(AlertView.ROWS).optional()
                .filter(a -> caller.oversees(a.communityId()))
                .orElseThrow(() -> new NotFoundException("Alert " + id + " does not exist or is outside your scope"));
        if (alert.acknowledgedAt() == null) {
            jdbc.sql("UPDATE monitoring_alert SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ?")
                    .params(Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)), Texts.bounded(caller.subject(), 128), id)
                    .update();
            return find(id);
        }
        return alert;
    }

    /**
     * An alert as the dashboard shows it.
     *
     * @param sourceId the area (environment) or the subsystem or area (energy)
     * @param observed the value that raised it, with {@code threshold}, the limit it crossed
     * @param peak the highest value seen while it was active
     * @param clearedValue the value that cleared it
     * @param workOrderId the work order it opened, if it needed one
     */
    record AlertView(UUID id, String communityId, AlertRule rule, AlertKind kind, String sourceId, Severity severity,
            AlertStatus status, String title, Instant raisedAt, Quantity observed, Quantity threshold, Quantity peak,
            @Nullable Instant acknowledgedAt, @Nullable String acknowledgedBy, @Nullable Instant clearedAt,
            @Nullable Quantity clearedValue, @Nullable UUID workOrderId) {

        static final RowMapper<AlertView> ROWS = (rs, row) -> {
            Unit unit = Unit.valueOf(rs.getString("unit"));
            AlertRule rule = AlertRule.valueOf(rs.getString("rule"));
            BigDecimal cleared = rs.getBigDecimal("cleared_value");
            Timestamp acknowledged = rs.getTimestamp("acknowledged_at");
            Timestamp clearedAt = rs.getTimestamp("cleared_at");
            return new AlertView(rs.getObject("id", UUID.class), rs.getString("community_id"), rule, rule.kind(),
                    rs.getString("source_id"), Severity.valueOf(rs.getString("severity")),
                    AlertStatus.valueOf(rs.getString("status")), rs.getString("title"),
                    rs.getTimestamp("raised_at").toInstant(), quantity(rs.getBigDecimal("observed"), unit),
                    quantity(rs.getBigDecimal("threshold"), unit), quantity(rs.getBigDecimal("peak"), unit),
                    acknowledged == null ? null : acknowledged.toInstant(), rs.getString("acknowledged_by"),
                    clearedAt == null ? null : clearedAt.toInstant(), cleared == null ? null : quantity(cleared, unit),
                    rs.getObject("work_order_id", UUID.class));
        };

        private static Quantity quantity(BigDecimal value, Unit unit) {
            BigDecimal stripped = value.stripTrailingZeros();
            return Quantity.of(stripped.scale() < 0 ? stripped.setScale(0) : stripped, unit);
        }
    }
}
