package org.communitycarbon.ops.reports;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.communitycarbon.model.Unit;
import org.communitycarbon.model.reports.MonthlyFigure;
import org.communitycarbon.model.reports.MonthlyFigureNames;
import org.communitycarbon.model.reports.ReportSource;
import org.communitycarbon.ops.monitoring.MonitoringSettings;
import org.communitycarbon.support.reports.MonthlyFiguresSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ops's own monthly figures: work orders opened, closed (resolved or closed, and not reopened since) and of those
 * closed by their deadline — all by when it happened within the month — and escalations reached in the month (each
 * level once). Published hourly by service-support's {@code MonthlyFiguresPublisher}.
 */
@Component
class WorkOrderMonthlyFigures implements MonthlyFiguresSource {

    private final JdbcClient jdbc;
    private final ZoneId defaultZone;

    WorkOrderMonthlyFigures(JdbcClient jdbc, MonitoringSettings monitoring) {
        this.jdbc = jdbc;
        this.defaultZone = monitoring.defaultTimeZone();
    }

    @Override
    public ReportSource source() {
        return ReportSource.OPS;
    }

    /** The communities the registry described, and any with work orders, each in its zone (the default one if unknown). */
    @Override
    @Transactional(readOnly = true)
    public List<ReportedCommunity> communities() {
        return jdbc.sql("""
                SELECT community_id, time_zone FROM monitoring_community
                UNION ALL
                SELECT DISTINCT w.community_id, NULL FROM work_order w
                WHERE NOT EXISTS (SELECT 1 FROM monitoring_community m WHERE m.community_id = w.community_id)
                ORDER BY 1""")
                .query((rs, row) -> new ReportedCommunity(rs.getString(1),
                        rs.getString(2) == null ? defaultZone : ZoneId.of(rs.getString(2))))
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<MonthlyFigure> figures(String communityId, Instant from, Instant to) {
        Timestamp start = Timestamp.from(from);
        Timestamp end = Timestamp.from(to);
        return jdbc.sql("""
                SELECT (SELECT count(*) FROM work_order
                        WHERE community_id = :c AND opened_at >= :from AND opened_at < :to),
                       count(*),
                       count(*) FILTER (WHERE w.resolved_at <= w.deadline),
                       (SELECT count(*) FROM work_order_escalation e JOIN work_order o ON o.id = e.work_order_id
                        WHERE o.community_id = :c AND e.escalated_at >= :from AND e.escalated_at < :to)
                FROM work_order w
                WHERE w.community_id = :c AND w.status IN ('RESOLVED', 'CLOSED')
                  AND w.resolved_at >= :from AND w.resolved_at < :to""")
                .param("c", communityId).param("from", start).param("to", end)
                .query((rs, row) -> List.of(
                        count(MonthlyFigureNames.WORK_ORDERS_OPENED, rs.getLong(1)),
                        count(MonthlyFigureNames.WORK_ORDERS_CLOSED, rs.getLong(2)),
                        count(MonthlyFigureNames.WORK_ORDERS_CLOSED_ON_TIME, rs.getLong(3)),
                        count(MonthlyFigureNames.WORK_ORDERS_ESCALATED, rs.getLong(4))))
                .single();
    }

    private static MonthlyFigure count(String name, long value) {
        return new MonthlyFigure(name, BigDecimal.valueOf(value), Unit.COUNT);
    }
}
