package org.communitycarbon.ops.workorder;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.ops.EscalationLevel;
import org.communitycarbon.model.ops.OpsTopics;
import org.communitycarbon.model.ops.WorkOrderChanged;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.model.sensing.BinStatusReported;
import org.communitycarbon.support.outbox.Outbox;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.ConflictException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

/**
 * Moves work orders through their lifecycle (docs/operations.md, work-order lifecycle) for the people allowed to:
 * the community's property manager assigns, closes and reopens; its staff take, start and resolve (the manager may
 * resolve too); an admin does anything; a street office only reads. Each change is appended to the order's trail
 * ({@code work_order_change}) and announced as a {@link WorkOrderChanged} through the outbox, in the transaction that
 * makes it. An order outside the caller's community is not found.
 * <p>
 * A bin-overflow order is closed by the bin, not by a person: once resolved, the bin's next status below
 * {@link BinOverflowSettings#emptiedBelow()} observed after the resolution closes it ({@link #confirmEmptied}).
 */
@Service
public class WorkOrderLifecycle {

    /** The actor of changes a fact made. */
    static final String PLATFORM = DeviceConnectivity.PLATFORM;

    private static final BigDecimal PERCENT = BigDecimal.valueOf(100);

    private final WorkOrderRepository orders;
    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final EntityManager entityManager;
    private final BinOverflowSettings binOverflow;
    private final Clock clock;
    private final Counter resolved;

    WorkOrderLifecycle(WorkOrderRepository orders, JdbcTemplate jdbc, Outbox outbox, EntityManager entityManager,
            BinOverflowSettings binOverflow, Clock clock, MeterRegistry meters) {
        this.orders = orders;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.binOverflow = binOverflow;
        this.clock = clock;
        this.resolved = Counter.builder("ops.work-orders.resolved").description("Work orders resolved").register(meters);
    }

    /**
     * The property manager (or an admin) gives the order to a staff member's subject or a team name; the residents'
     * committee may too, once the order was escalated to it.
     */
    @Transactional
    public WorkOrderView assign(Caller caller, UUID id, String assignee) {
        caller.requireAnyRole(Role.PROPERTY_MANAGER, Role.ADMIN, Role.RESIDENTS_COMMITTEE);
        WorkOrder order = loadEscalated(caller, id, Role.PROPERTY_MANAGER);
        return record(order, transition(() -> order.assign(caller.subject(), assignee, now())));
    }

    /** A staff member (or an admin) takes an open order: it is assigned to them. */
    @Transactional
    public WorkOrderView take(Caller caller, UUID id) {
        caller.requireAnyRole(Role.STAFF, Role.ADMIN);
        WorkOrder order = load(caller, id);
        return record(order, transition(() -> order.take(caller.subject(), now())));
    }

    /** A staff member (or an admin) starts an assigned order. */
    @Transactional
    public WorkOrderView start(Caller caller, UUID id) {
        caller.requireAnyRole(Role.STAFF, Role.ADMIN);
        WorkOrder order = load(caller, id);
        return record(order, transition(() -> order.start(caller.subject(), now())));
    }

    /**
     * Resolves an active order with a note and photo references (its property team, or its residents' committee once
     * the order was escalated to it); one already resolved or closed is returned unchanged.
     */
    @Transactional
    public WorkOrderView resolve(Caller caller, UUID id, String note, List<String> photos) {
        caller.requireAnyRole(Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN, Role.RESIDENTS_COMMITTEE);
        WorkOrder order = loadEscalated(caller, id, Role.PROPERTY_MANAGER, Role.STAFF);
        WorkOrder.Change change = transition(() -> order.resolve(caller.subject(), note, photos, now())).orElse(null);
        if (change == null) {
            return WorkOrderView.of(order, now());
        }
        resolved.increment();
        return record(order, change);
    }

    /**
     * The property manager (or an admin) verifies a resolved order and closes it. A bin-overflow order is refused:
     * the bin's own low reading closes it.
     */
    @Transactional
    public WorkOrderView close(Caller caller, UUID id, @Nullable String note) {
        caller.requireAnyRole(Role.PROPERTY_MANAGER, Role.ADMIN);
        WorkOrder order = load(caller, id);
        if (order.type() == WorkOrderType.BIN_OVERFLOW && order.status() == WorkOrderStatus.RESOLVED) {
            throw new ConflictException("Work order " + id + " is a bin overflow: it closes when bin " + order.sourceId()
                    + " reports a fill level below " + percent(binOverflow.emptiedBelow())
                    + "% after the resolution, not on anyone's word; allowed now: [reopen]");
        }
        return record(order, transition(() -> order.close(caller.subject(), note, now())));
    }

    /** The property manager (or an admin) reopens a resolved or closed order with a reason. */
    @Transactional
    public WorkOrderView reopen(Caller caller, UUID id, String reason) {
        caller.requireAnyRole(Role.PROPERTY_MANAGER, Role.ADMIN);
        WorkOrder order = load(caller, id);
        List<UUID> active = jdbc.queryForList("""
                SELECT id FROM work_order WHERE community_id = ? AND type = ? AND source_id = ? AND id <> ?
                  AND status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS')""", UUID.class, order.communityId(), order.type().name(),
                order.sourceId(), order.id());
        if (!active.isEmpty()) {
            throw new ConflictException("Work order " + id + " cannot be reopened: order " + active.get(0)
                    + " is already active for " + order.sourceId());
        }
        WorkOrder.Change change = transition(() -> order.reopen(caller.subject(), reason, now()));
        try {
            entityManager.flush();
        }
        catch (PersistenceException e) {
            // an order for the same source opened between the check and the flush
            throw new ConflictException("Work order " + id + " cannot be reopened: another order is active for " + order.sourceId());
        }
        return record(order, change);
    }

    /**
     * The reporting resident's evaluation of their resolved report ({@code RESIDENT_REPORT}): satisfied closes it, not
     * satisfied reopens it with their reason, in the trail and as a {@link WorkOrderChanged} like any transition, in the
     * caller's transaction. Who may evaluate (the household that filed the report, once) is the Open311 feature's to
     * decide: no scope check here. An order that is not resolved answers 409.
     */
    @Transactional
    public WorkOrderView evaluateByReporter(UUID id, String actor, boolean satisfied, String note) {
        WorkOrder order = orders.findByIdForUpdate(id)
                .filter(o -> o.type() == WorkOrderType.RESIDENT_REPORT)
                .orElseThrow(() -> WorkOrders.notFound(id));
        if (order.status() != WorkOrderStatus.RESOLVED) {
            throw new ConflictException("Work order " + id + " is " + order.status()
                    + ": the reporting resident evaluates it once it is resolved");
        }
        return record(order, transition(() -> satisfied ? order.close(actor, note, now()) : order.reopen(actor, note, now())));
    }

    /**
     * Adds a comment to the order's trail, changing nothing else: anyone who may read the order (its property team,
     * residents' committee and street office, an admin). No event: a comment is not a change of the order.
     */
    @Transactional
    public WorkOrderChangeView comment(Caller caller, UUID id, String note) {
        caller.requireAnyRole(Role.PROPERTY_MANAGER, Role.STAFF, Role.RESIDENTS_COMMITTEE, Role.STREET_OFFICE, Role.ADMIN);
        WorkOrder order = orders.findByIdForUpdate(id)
                .filter(o -> Supervision.supervises(caller, o.communityId()))
                .orElseThrow(() -> WorkOrders.notFound(id));
        Instant at = now();
        WorkOrder.Change change = new WorkOrder.Change(order.status(), order.status(), caller.subject(), at, order.assignee(),
                note, List.of());
        int sequence = appendToTrail(order.id(), change, "COMMENT", null);
        return new WorkOrderChangeView(sequence, at, "COMMENT", caller.subject(), order.status(), order.status(),
                order.assignee(), note, List.of(), null);
    }

    /** The order's trail since it opened, oldest first: changes of state, escalations and comments. */
    @Transactional(readOnly = true)
    public List<WorkOrderChangeView> history(Caller caller, UUID id) {
        caller.requireAnyRole(Role.PROPERTY_MANAGER, Role.STAFF, Role.RESIDENTS_COMMITTEE, Role.STREET_OFFICE, Role.ADMIN);
        orders.findById(id).filter(o -> Supervision.supervises(caller, o.communityId()))
                .orElseThrow(() -> WorkOrders.notFound(id));
        return jdbc.query("""
                SELECT sequence, changed_at, kind, actor, from_state, to_state, assignee, note, photos, escalation_level
                FROM work_order_change WHERE work_order_id = ? ORDER BY sequence""", (rs, row) -> new WorkOrderChangeView(
                rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                WorkOrderStatus.valueOf(rs.getString(5)), WorkOrderStatus.valueOf(rs.getString(6)), rs.getString(7),
                rs.getString(8), List.of((String[]) rs.getArray(9).getArray()),
                rs.getString(10) == null ? null : EscalationLevel.valueOf(rs.getString(10))), id);
    }

    /**
     * Closes the resolved bin-overflow orders that these low statuses confirm: a status below
     * {@code emptiedBelow} observed after the order's resolution. Runs in the caller's transaction.
     */
    void confirmEmptied(List<BinStatusReported> low) {
        if (low.isEmpty()) {
            return;
        }
        record Confirmation(UUID id, BigDecimal level, Instant observedAt) {
        }
        List<Confirmation> confirmations = jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    SELECT DISTINCT ON (w.id) w.id, b.level, b.observed_at
                    FROM work_order w
                    JOIN unnest(?::text[], ?::text[], ?::numeric[], ?::timestamptz[]) AS b(community_id, source_id, level, observed_at)
                         USING (community_id, source_id)
                    WHERE w.type = 'BIN_OVERFLOW' AND w.status = 'RESOLVED' AND w.resolved_at < b.observed_at
                    ORDER BY w.id, b.observed_at""");
            statement.setArray(1, connection.createArrayOf("text", low.stream().map(BinStatusReported::communityId).toArray()));
            statement.setArray(2, connection.createArrayOf("text", low.stream().map(BinStatusReported::deviceId).toArray()));
            statement.setArray(3, connection.createArrayOf("numeric", low.stream().map(s -> s.fillingLevel().value()).toArray()));
            statement.setArray(4, connection.createArrayOf("timestamptz",
                    low.stream().map(s -> Timestamp.from(s.occurredAt())).toArray()));
            return statement;
        }, (rs, row) -> new Confirmation(rs.getObject(1, UUID.class), rs.getBigDecimal(2),
                rs.getTimestamp(3).toInstant()));
        for (Confirmation confirmation : confirmations) {
            orders.findByIdForUpdate(confirmation.id())
                    .filter(order -> order.status() == WorkOrderStatus.RESOLVED)
                    .ifPresent(order -> record(order, order.close(PLATFORM, "Closed by the platform: bin " + order.sourceId()
                            + " reported " + percent(confirmation.level()) + "% full at " + confirmation.observedAt(), now())));
        }
    }

    /**
     * Resolves, as the platform, the active orders that {@code select} picks — a query of {@code (id, note)} rows over
     * {@code work_order w} with its {@code args} — and records each change in the trail and as an event, in the
     * caller's transaction. The orders are locked first, so the state each change is recorded from is the one
     * replaced. Returns how many were resolved.
     */
    int resolveByThePlatform(String select, Instant at, Object... args) {
        Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = Timestamp.from(at);
        List<Resolved> resolvedOrders = jdbc.query("""
                WITH target AS (
                    SELECT w.id, w.status, s.note
                    FROM work_order w JOIN (%s) AS s(id, note) ON s.id = w.id
                    WHERE w.status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS')
                    FOR UPDATE OF w)
                UPDATE work_order w
                SET status = 'RESOLVED', resolved_at = ?, resolved_by = '%s', resolution_note = t.note, version = w.version + 1
                FROM target t
                WHERE w.id = t.id
                RETURNING w.id, w.community_id, w.type, w.source_id, t.status, w.assignee, t.note, w.deadline"""
                .formatted(select, PLATFORM), (rs, row) -> new Resolved(rs.getObject(1, UUID.class), rs.getString(2),
                        WorkOrderType.valueOf(rs.getString(3)), rs.getString(4), WorkOrderStatus.valueOf(rs.getString(5)),
                        rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()), all);
        for (Resolved order : resolvedOrders) {
            record(order.id(), order.communityId(), order.type(), order.sourceId(), order.deadline(), new WorkOrder.Change(
                    order.from(), WorkOrderStatus.RESOLVED, PLATFORM, at, order.assignee(), order.note(), List.of()));
        }
        resolved.increment(resolvedOrders.size());
        return resolvedOrders.size();
    }

    /**
     * Says on an order that the fact behind it is over (a monitoring alert cleared), as the platform, in the caller's
     * transaction: an active order is resolved with {@code note}; one a person already resolved is closed with it, as a
     * bin's low reading closes its order; a closed order is left as it is. Returns whether the order changed.
     */
    boolean settleByThePlatform(UUID id, String note, Instant at) {
        if (resolveByThePlatform("SELECT ?::uuid, ?::text", at, id, note) > 0) {
            return true;
        }
        return orders.findByIdForUpdate(id)
                .filter(order -> order.status() == WorkOrderStatus.RESOLVED)
                .map(order -> {
                    record(order, order.close(PLATFORM, note, now()));
                    return true;
                })
                .orElse(false);
    }

    private record Resolved(UUID id, String communityId, WorkOrderType type, String sourceId, WorkOrderStatus from,
            @Nullable String assignee, String note, Instant deadline) {
    }

    private WorkOrder load(Caller caller, UUID id) {
        return orders.findByIdForUpdate(id)
                .filter(o -> caller.oversees(o.communityId()))
                .orElseThrow(() -> WorkOrders.notFound(id));
    }

    /**
     * The order, row-locked, for an action of the property team ({@code propertyRoles}) that the residents' committee may
     * take too, once the order was escalated to it: 404 outside the caller's community, 403 for the committee while the
     * order is still the property company's.
     */
    private WorkOrder loadEscalated(Caller caller, UUID id, Role... propertyRoles) {
        WorkOrder order = orders.findByIdForUpdate(id)
                .filter(o -> Supervision.supervises(caller, o.communityId()))
                .orElseThrow(() -> WorkOrders.notFound(id));
        if (caller.has(Role.ADMIN)) {
            return order;
        }
        for (Role role : propertyRoles) {
            if (caller.holds(role, order.communityId(), null)) {
                return order;
            }
        }
        if (!caller.holds(Role.RESIDENTS_COMMITTEE, order.communityId(), null)) {
            throw WorkOrders.notFound(id);
        }
        if (order.escalationLevel() == EscalationLevel.PROPERTY_COMPANY) {
            throw new AccessDeniedException("Work order " + id + " is the property company's until its deadline "
                    + order.deadline() + "; the residents' committee acts on it once it is escalated");
        }
        return order;
    }

    private static <T> T transition(java.util.function.Supplier<T> change) {
        try {
            return change.get();
        }
        catch (WorkOrder.IllegalTransition e) {
            throw new ConflictException(e.getMessage());
        }
    }

    /** Appends the change to the order's trail and queues its event; returns the order as it is now. */
    private WorkOrderView record(WorkOrder order, WorkOrder.Change change) {
        record(order.id(), order.communityId(), order.type(), order.sourceId(), order.deadline(), change);
        return WorkOrderView.of(order, change.at());
    }

    private void record(UUID id, String communityId, WorkOrderType type, String sourceId, Instant deadline,
            WorkOrder.Change change) {
        int sequence = appendToTrail(id, change, "TRANSITION", null);
        outbox.publish(OpsTopics.WORK_ORDERS, communityId, new WorkOrderChanged(
                WorkOrderChanged.eventIdOf(id, sequence), WorkOrderChanged.SCHEMA_VERSION, communityId,
                change.at(), id, type.alertType(), sourceId, sequence, change.from().wire(),
                change.to().wire(), change.actor(), change.assignee(), change.note(), change.photos(), deadline));
    }

    /**
     * Appends an entry to the order's trail, in the caller's transaction, and returns its sequence number: a change of
     * state ({@code TRANSITION}), an escalation (with the level reached) or a comment. The order must be row-locked by
     * the caller, so two entries never take the same number.
     */
    int appendToTrail(UUID id, WorkOrder.Change change, String kind, @Nullable EscalationLevel escalationLevel) {
        Integer last = jdbc.queryForObject("SELECT max(sequence) FROM work_order_change WHERE work_order_id = ?",
                Integer.class, id);
        int sequence = last == null ? 1 : last + 1;
        jdbc.update("""
                INSERT INTO work_order_change (work_order_id, sequence, changed_at, actor, from_state, to_state, assignee, note,
                                               photos, kind, escalation_level)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?)""", id, sequence, Timestamp.from(change.at()), change.actor(),
                change.from().name(), change.to().name(), change.assignee(), change.note(),
                change.photos().toArray(String[]::new), kind, escalationLevel == null ? null : escalationLevel.name());
        return sequence;
    }

    private static String percent(BigDecimal ratio) {
        return ratio.multiply(PERCENT).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** Microseconds, as PostgreSQL stores it. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
