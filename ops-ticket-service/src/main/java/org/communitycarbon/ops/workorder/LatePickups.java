package org.communitycarbon.ops.workorder;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.communitycarbon.model.recycling.PickupDeadlineMissed;
import org.communitycarbon.model.recycling.PickupState;
import org.communitycarbon.model.recycling.PickupStatusChanged;
import org.communitycarbon.support.inbox.ProcessedEvents;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Work orders for late recycling pickups, from the recycling service's events (docs/operations.md, late recycling
 * pickups):
 * <ul>
 * <li>each {@link PickupDeadlineMissed} is kept as a breach ({@code pickup_breach}, counted against the recycler it
 * names) and opens one order ({@link LatePickupRule}) with its {@code AlertRaised} — once, however often it is
 * delivered (the inbox, the breach's primary key and the order's id derived from the event's);</li>
 * <li>the steps of {@link PickupStatusChanged} that settle a breach are kept per pickup ({@code pickup_progress}): a
 * late-dispatch order is resolved by the platform once the pickup is dispatched (or further along) or cancelled, a
 * late-visit order once it is collected or cancelled.</li>
 * </ul>
 * The two topics arrive in any order — a dispatch made late is one transaction in the recycling service that writes
 * both — so whichever comes second resolves the order, and both take a transaction-scoped advisory lock per pickup
 * first, so neither can miss what the other is about to commit.
 */
@Service
public class LatePickups {

    static final String CONSUMER = "ops.pickup-deadlines";

    private static final String LOCK = """
            SELECT pg_advisory_xact_lock(hashtext('ops.pickup'), hashtext(p::text))
            FROM unnest(?::uuid[]) WITH ORDINALITY AS t(p, n) ORDER BY n""";

    private static final String BREACH = """
            INSERT INTO pickup_breach (event_id, community_id, pickup_id, deadline, recycler_id, due_at, noticed_at, work_order_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";

    /** The earliest time a pickup was seen dispatched or further, and how it ended; a step applied again changes nothing. */
    private static final String PROGRESS = """
            INSERT INTO pickup_progress AS p (community_id, pickup_id, dispatched_at, ended_at, ended_as)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (pickup_id) DO UPDATE
                SET dispatched_at = least(p.dispatched_at, excluded.dispatched_at),
                    ended_at = coalesce(p.ended_at, excluded.ended_at),
                    ended_as = coalesce(p.ended_as, excluded.ended_as)""";

    /** The active orders that the pickups' progress settles, with the note their resolution gets. */
    private static final String SETTLED = """
            SELECT w.id, CASE
                    WHEN w.type = 'PICKUP_DISPATCH_LATE' AND p.dispatched_at IS NOT NULL
                        THEN 'Resolved by the platform: a recycler was dispatched'
                    WHEN p.ended_as = 'COLLECTED' THEN 'Resolved by the platform: the pickup was collected'
                    ELSE 'Resolved by the platform: the pickup was cancelled' END
            FROM work_order w JOIN pickup_progress p ON w.source_id = p.pickup_id::text AND w.community_id = p.community_id
            WHERE p.pickup_id = ANY (?::text::uuid[])
              AND w.status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS')
              AND ((w.type = 'PICKUP_DISPATCH_LATE' AND (p.dispatched_at IS NOT NULL OR p.ended_at IS NOT NULL))
                   OR (w.type = 'PICKUP_VISIT_LATE' AND p.ended_at IS NOT NULL))""";

    private static final String COUNT = """
            SELECT recycler_id, count(*) FILTER (WHERE deadline = 'DISPATCH') AS dispatch,
                   count(*) FILTER (WHERE deadline = 'ARRIVAL') AS arrival
            FROM pickup_breach
            WHERE community_id = ? AND due_at >= ? AND due_at < ?
            GROUP BY recycler_id
            ORDER BY count(*) DESC, recycler_id NULLS LAST""";

    private final JdbcTemplate jdbc;
    private final ProcessedEvents processed;
    private final WorkOrders workOrders;
    private final WorkOrderLifecycle lifecycle;
    private final LatePickupRule rule;
    private final Clock clock;

    LatePickups(JdbcTemplate jdbc, ProcessedEvents processed, WorkOrders workOrders, WorkOrderLifecycle lifecycle,
            PickupLateSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.processed = processed;
        this.workOrders = workOrders;
        this.lifecycle = lifecycle;
        this.rule = new LatePickupRule(settings);
        this.clock = clock;
    }

    /**
     * Keeps each breach and opens its work order, resolved at once when the pickup has already been settled; returns
     * how many orders it opened. Each event counts once however often it is delivered, also twice in one batch.
     */
    @Transactional
    public int recordBreaches(List<PickupDeadlineMissed> breaches) {
        Set<UUID> fresh = processed.claim(CONSUMER, breaches.stream().map(PickupDeadlineMissed::eventId).toList());
        List<PickupDeadlineMissed> apply = new ArrayList<>();
        for (PickupDeadlineMissed breach : breaches) {
            if (fresh.remove(breach.eventId())) {
                apply.add(breach);
            }
        }
        if (apply.isEmpty()) {
            return 0;
        }
        Set<UUID> pickups = lock(apply.stream().map(PickupDeadlineMissed::pickupId).toList());
        List<NewWorkOrder> candidates = apply.stream().map(rule::orderFor).toList();
        jdbc.batchUpdate(BREACH, apply, apply.size(), (statement, breach) -> {
            statement.setObject(1, breach.eventId());
            statement.setString(2, breach.communityId());
            statement.setObject(3, breach.pickupId());
            statement.setString(4, breach.deadline().name());
            statement.setString(5, breach.recyclerId());
            statement.setTimestamp(6, Timestamp.from(breach.dueAt()));
            statement.setTimestamp(7, Timestamp.from(breach.occurredAt()));
            statement.setObject(8, NewWorkOrder.idFor(breach.eventId()));
        });
        int opened = workOrders.open(candidates).size();
        resolveSettled(pickups);
        return opened;
    }

    /** Keeps the steps that settle a breach and resolves the orders they settle; other steps are ignored. */
    @Transactional
    public void recordSteps(List<PickupStatusChanged> steps) {
        List<PickupStatusChanged> settling = steps.stream().filter(step -> step.status() != PickupState.REQUESTED).toList();
        if (settling.isEmpty()) {
            return;
        }
        Set<UUID> pickups = lock(settling.stream().map(PickupStatusChanged::pickupId).toList());
        // One row per pickup: PostgreSQL refuses to upsert one row twice in a statement (a batch is one statement).
        Map<UUID, Progress> progress = new LinkedHashMap<>();
        for (PickupStatusChanged step : settling) {
            progress.merge(step.pickupId(), Progress.of(step), Progress::merge);
        }
        List<Progress> rows = List.copyOf(progress.values());
        jdbc.batchUpdate(PROGRESS, rows, rows.size(), (statement, row) -> {
            statement.setString(1, row.communityId());
            statement.setObject(2, row.pickupId());
            statement.setTimestamp(3, row.dispatchedAt() == null ? null : Timestamp.from(row.dispatchedAt()));
            statement.setTimestamp(4, row.endedAt() == null ? null : Timestamp.from(row.endedAt()));
            statement.setString(5, row.endedAs() == null ? null : row.endedAs().name());
        });
        resolveSettled(pickups);
    }

    /** Breaches of the community's pickups due in [from, to), per recycler, most first. */
    @Transactional(readOnly = true)
    public RecyclerBreachReport breaches(String communityId, Instant from, Instant to) {
        List<RecyclerBreachReport.RecyclerBreaches> rows = new ArrayList<>();
        jdbc.query(COUNT, rs -> {
            long dispatch = rs.getLong("dispatch");
            long arrival = rs.getLong("arrival");
            rows.add(new RecyclerBreachReport.RecyclerBreaches(rs.getString("recycler_id"), dispatch, arrival, dispatch + arrival));
        }, communityId, Timestamp.from(from), Timestamp.from(to));
        return new RecyclerBreachReport(communityId, from, to, List.copyOf(rows),
                rows.stream().mapToLong(RecyclerBreachReport.RecyclerBreaches::lateDispatches).sum(),
                rows.stream().mapToLong(RecyclerBreachReport.RecyclerBreaches::lateVisits).sum());
    }

    /** Takes the pickups' locks in one order (so two transactions cannot deadlock); returns the pickups. */
    private Set<UUID> lock(Collection<UUID> pickupIds) {
        Set<UUID> pickups = new TreeSet<>(pickupIds);
        jdbc.query(connection -> {
            var statement = connection.prepareStatement(LOCK);
            statement.setArray(1, connection.createArrayOf("uuid", pickups.toArray()));
            return statement;
        }, rs -> {
        });
        return pickups;
    }

    private void resolveSettled(Set<UUID> pickups) {
        lifecycle.resolveByThePlatform(SETTLED, now(),
                pickups.stream().map(UUID::toString).collect(java.util.stream.Collectors.joining(",", "{", "}")));
    }

    /** What the steps of one pickup in a batch settle: the earliest dispatch (or later step) and the end, if any. */
    private record Progress(String communityId, UUID pickupId, @Nullable Instant dispatchedAt, @Nullable Instant endedAt,
            @Nullable PickupState endedAs) {

        static Progress of(PickupStatusChanged step) {
            boolean ended = step.status() == PickupState.COLLECTED || step.status() == PickupState.CANCELLED;
            return new Progress(step.communityId(), step.pickupId(), step.status() == PickupState.CANCELLED ? null : step.occurredAt(),
                    ended ? step.occurredAt() : null, ended ? step.status() : null);
        }

        Progress merge(Progress later) {
            Instant dispatched = dispatchedAt == null ? later.dispatchedAt
                    : later.dispatchedAt == null || dispatchedAt.isBefore(later.dispatchedAt) ? dispatchedAt : later.dispatchedAt;
            return endedAt != null ? new Progress(communityId, pickupId, dispatched, endedAt, endedAs)
                    : new Progress(communityId, pickupId, dispatched, later.endedAt, later.endedAs);
        }
    }

    /** Microseconds, as PostgreSQL stores them. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

}
