package org.communitycarbon.ops.workorder;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.communitycarbon.support.security.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * How a community's work orders went over a period, for reports: opened, resolved by their deadline or late, still
 * active (and overdue), and escalated to the residents' committee and to the street office — in total and per type.
 * Figures of orders, no household: the property team, the residents' committee and the street office read it.
 */
@RestController
@RequestMapping("/api/ops")
class WorkOrderSummary {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    WorkOrderSummary(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The figures of the orders opened in {@code [from, to)}.
     *
     * @param resolvedOnTime resolved (and possibly closed since) at or before their deadline
     * @param resolvedLate resolved after their deadline
     * @param active still open, assigned or in progress
     * @param activeOverdue of {@code active}, past their deadline now
     * @param escalatedToCommittee went up to the residents' committee (whenever)
     * @param escalatedToStreetOffice went up to the street office
     */
    record Figures(long opened, long resolvedOnTime, long resolvedLate, long active, long activeOverdue,
            long escalatedToCommittee, long escalatedToStreetOffice) {
    }

    record TypeFigures(WorkOrderType type, Figures figures) {
    }

    record SummaryView(String communityId, Instant from, Instant to, Figures total, List<TypeFigures> byType) {
    }

    @GetMapping("/communities/{communityId}/work-orders/summary")
    @Operation(summary = "How a community's work orders opened in a period went: opened, resolved on time or late, active "
            + "and overdue, escalated to the residents' committee and to the street office, in total and per type "
            + "(property team, residents' committee, street office of the community)")
    @Transactional(readOnly = true)
    SummaryView summary(Caller caller, @PathVariable String communityId,
            @Parameter(description = "orders opened at or after this instant (ISO-8601); 30 days before `to` by default")
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @Parameter(description = "orders opened before this instant (ISO-8601); now by default; at most 366 days after `from`")
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        Supervision.require(caller, communityId);
        RecyclerBreachController.Period period = RecyclerBreachController.Period.of(from, to, clock.instant());
        Timestamp now = Timestamp.from(clock.instant());
        List<TypeFigures> byType = new ArrayList<>();
        jdbc.query("""
                SELECT w.type,
                       count(*),
                       count(*) FILTER (WHERE w.resolved_at IS NOT NULL AND w.resolved_at <= w.deadline),
                       count(*) FILTER (WHERE w.resolved_at > w.deadline),
                       count(*) FILTER (WHERE w.status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS')),
                       count(*) FILTER (WHERE w.status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS') AND w.deadline < ?),
                       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM work_order_escalation e
                                                      WHERE e.work_order_id = w.id AND e.level = 'RESIDENTS_COMMITTEE')),
                       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM work_order_escalation e
                                                      WHERE e.work_order_id = w.id AND e.level = 'STREET_OFFICE'))
                FROM work_order w
                WHERE w.community_id = ? AND w.opened_at >= ? AND w.opened_at < ?
                GROUP BY w.type
                ORDER BY w.type""", rs -> {
            byType.add(new TypeFigures(WorkOrderType.valueOf(rs.getString(1)), new Figures(rs.getLong(2), rs.getLong(3),
                    rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8))));
        }, now, communityId, Timestamp.from(period.from()), Timestamp.from(period.to()));
        Figures total = byType.stream().map(TypeFigures::figures).reduce(new Figures(0, 0, 0, 0, 0, 0, 0),
                (a, b) -> new Figures(a.opened() + b.opened(), a.resolvedOnTime() + b.resolvedOnTime(),
                        a.resolvedLate() + b.resolvedLate(), a.active() + b.active(), a.activeOverdue() + b.activeOverdue(),
                        a.escalatedToCommittee() + b.escalatedToCommittee(),
                        a.escalatedToStreetOffice() + b.escalatedToStreetOffice()));
        return new SummaryView(communityId, period.from(), period.to(), total, byType);
    }
}
