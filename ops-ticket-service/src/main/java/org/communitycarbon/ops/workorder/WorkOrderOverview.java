package org.communitycarbon.ops.workorder;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.communitycarbon.support.security.Caller;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * A community's work orders at a glance, for the dashboard's overview: how many are open, assigned and in progress now,
 * how many of those are overdue or escalated, and the newest few — in two statements, where the paged list costs two per
 * status asked (a page and its count).
 */
@RestController
@RequestMapping("/api/ops")
class WorkOrderOverview {

    /**
     * @param open active orders nobody was assigned yet
     * @param assigned active orders assigned to someone
     * @param inProgress active orders being handled
     * @param overdue of the active ones, past their deadline now
     * @param escalated of the active ones, with the residents' committee or the street office now
     * @param latest the newest orders in any status, newest first
     */
    record OverviewView(String communityId, Instant at, long open, long assigned, long inProgress, long overdue, long escalated,
            List<WorkOrderView> latest) {
    }

    private final JdbcTemplate jdbc;
    private final WorkOrderRepository orders;
    private final Clock clock;

    WorkOrderOverview(JdbcTemplate jdbc, WorkOrderRepository orders, Clock clock) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.clock = clock;
    }

    @GetMapping("/communities/{communityId}/work-orders/overview")
    @Operation(summary = "A community's work orders at a glance: how many are open, assigned and in progress now, how many of "
            + "those are overdue or escalated, and the newest few, in two SQL statements (property team, residents' committee, "
            + "street office of the community)")
    // no transaction: the counts and the newest orders are two snapshots a moment apart, which a glance allows, and no
    // BEGIN is sent
    OverviewView overview(Caller caller, @PathVariable String communityId,
            @Parameter(description = "how many of the newest orders to include, 0 to 20; 6 by default")
            @RequestParam(defaultValue = "6") @Min(0) @Max(20) int latest) {
        Supervision.require(caller, communityId);
        Instant now = clock.instant();
        long[] counts = jdbc.queryForObject("""
                SELECT count(*) FILTER (WHERE status = 'OPEN'),
                       count(*) FILTER (WHERE status = 'ASSIGNED'),
                       count(*) FILTER (WHERE status = 'IN_PROGRESS'),
                       count(*) FILTER (WHERE deadline < ?),
                       count(*) FILTER (WHERE escalation_level <> 'PROPERTY_COMPANY')
                FROM work_order
                WHERE community_id = ? AND status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS')""",
                (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)},
                Timestamp.from(now), communityId);
        List<WorkOrderView> newest = latest == 0 ? List.of()
                : orders.findByCommunityIdOrderByOpenedAtDescIdDesc(communityId, Limit.of(latest)).stream()
                        .map(order -> WorkOrderView.of(order, now)).toList();
        return new OverviewView(communityId, now, counts[0], counts[1], counts[2], counts[3], counts[4], newest);
    }
}
