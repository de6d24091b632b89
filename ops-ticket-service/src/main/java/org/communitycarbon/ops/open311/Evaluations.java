package org.communitycarbon.ops.open311;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.ops.workorder.WorkOrderLifecycle;
import org.communitycarbon.ops.workorder.WorkOrderStatus;
import org.communitycarbon.ops.workorder.WorkOrderView;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.ConflictException;
import org.communitycarbon.support.web.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reporting resident's evaluation of a resolved report (docs/operations.md, work-order lifecycle): the household that
 * filed it evaluates it once — satisfied closes the order, not satisfied reopens it with the resident's reason. A request
 * filed by a partner app has no household and is verified by the property manager instead.
 */
@Service
class Evaluations {

    static final int MAX_COMMENT = 400;
    static final String SATISFIED = "Evaluated by the reporting resident: satisfied";
    static final String UNSATISFIED = "Evaluated by the reporting resident: not satisfied";

    private final JdbcTemplate jdbc;
    private final WorkOrderLifecycle lifecycle;
    private final Clock clock;

    Evaluations(JdbcTemplate jdbc, WorkOrderLifecycle lifecycle, Clock clock) {
        this.jdbc = jdbc;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /** What the resident reads back: the evaluation and where the request is now. */
    record EvaluationView(UUID serviceRequestId, boolean satisfied, @Nullable String comment, Instant evaluatedAt,
            String status, WorkOrderStatus workOrderStatus) {
    }

    /** One of the household's requests, for the resident app: whether it can be evaluated now. */
    record OwnRequestView(UUID serviceRequestId, String serviceCode, Instant requestedAt, String status,
            WorkOrderStatus workOrderStatus, boolean evaluable, @Nullable Boolean satisfied, @Nullable Instant evaluatedAt) {
    }

    @Transactional
    public EvaluationView evaluate(Caller caller, UUID serviceRequestId, boolean satisfied, @Nullable String comment) {
        Caller.ResidentScope resident = caller.requireResident();
        record Filed(@Nullable String household, UUID workOrder, @Nullable Instant evaluatedAt) {
        }
        Filed filed = jdbc.query("""
                SELECT household_id, work_order_id, evaluated_at FROM resident_report
                WHERE id = ? AND community_id = ? FOR UPDATE""", (rs, row) -> new Filed(rs.getString(1),
                rs.getObject(2, UUID.class), rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()),
                serviceRequestId, resident.communityId()).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("No request " + serviceRequestId + " in community "
                        + resident.communityId()));
        if (!resident.householdId().equals(filed.household())) {
            throw new AccessDeniedException("Request " + serviceRequestId + " was not filed by your household: only the "
                    + "household that filed it evaluates it");
        }
        if (filed.evaluatedAt() != null) {
            throw new ConflictException("Request " + serviceRequestId + " was evaluated at " + filed.evaluatedAt()
                    + "; a request is evaluated once");
        }
        String note = (satisfied ? SATISFIED : UNSATISFIED) + (comment == null ? "" : " — " + comment);
        WorkOrderView order = lifecycle.evaluateByReporter(filed.workOrder(), caller.subject(), satisfied, note);
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.update("UPDATE resident_report SET evaluated_at = ?, satisfied = ?, evaluation_comment = ? WHERE id = ?",
                Timestamp.from(at), satisfied, comment, serviceRequestId);
        return new EvaluationView(serviceRequestId, satisfied, comment, at,
                Open311Reports.isOpen(order.status()) ? "open" : "closed", order.status());
    }

    /** The household's own requests, newest first, at most 200. */
    @Transactional(readOnly = true)
    public List<OwnRequestView> own(Caller caller) {
        Caller.ResidentScope resident = caller.requireResident();
        return jdbc.query("""
                SELECT r.id, r.service_code, r.requested_at, w.status, r.satisfied, r.evaluated_at
                FROM resident_report r JOIN work_order w ON w.id = r.work_order_id
                WHERE r.community_id = ? AND r.household_id = ?
                ORDER BY r.requested_at DESC, r.id DESC LIMIT ?""", (rs, row) -> {
            WorkOrderStatus status = WorkOrderStatus.valueOf(rs.getString(4));
            Timestamp evaluated = rs.getTimestamp(6);
            return new OwnRequestView(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant(),
                    Open311Reports.isOpen(status) ? "open" : "closed", status,
                    evaluated == null && status == WorkOrderStatus.RESOLVED,
                    evaluated == null ? null : rs.getBoolean(5), evaluated == null ? null : evaluated.toInstant());
        }, resident.communityId(), resident.householdId(), Open311Reports.MAX_RESULTS);
    }
}
