package org.communitycarbon.recycling.pickup;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.recycling.PickupDeadline;
import org.communitycarbon.model.recycling.PickupDeadlineMissed;
import org.communitycarbon.support.outbox.Outbox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Reports each booking that passed a deadline: still waiting for a recycler after its dispatch deadline, or not
 * collected (nor cancelled) by its arrival deadline. Each breach is marked on the booking's row in the transaction
 * that puts its {@link PickupDeadlineMissed} into the outbox, so it is reported once, however often the watch runs
 * and on however many instances (one at a time, by an advisory lock). A step taken late — dispatched or collected
 * after its deadline — is reported by {@link PickupLifecycle} when it is taken.
 */
@Component
public class PickupDeadlineWatch {

    private static final String DISPATCH_MISSED = """
            UPDATE pickup_booking SET dispatch_missed_at = ?
            WHERE id IN (SELECT id FROM pickup_booking WHERE status = 'REQUESTED' AND dispatch_due_at < ?
                         AND dispatch_missed_at IS NULL ORDER BY dispatch_due_at LIMIT ? FOR UPDATE SKIP LOCKED)
            RETURNING id, community_id, dispatch_due_at AS due_at, status, recycler_id""";

    private static final String ARRIVAL_MISSED = """
            UPDATE pickup_booking SET arrival_missed_at = ?
            WHERE id IN (SELECT id FROM pickup_booking WHERE status IN ('REQUESTED', 'DISPATCHED', 'ACCEPTED', 'ON_THE_WAY')
                         AND arrival_due_at < ? AND arrival_missed_at IS NULL ORDER BY arrival_due_at LIMIT ? FOR UPDATE SKIP LOCKED)
            RETURNING id, community_id, arrival_due_at AS due_at, status, recycler_id""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final DispatchSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;

    PickupDeadlineWatch(JdbcTemplate jdbc, TransactionTemplate transactions, Outbox outbox, DispatchSettings settings, Clock clock,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    @Scheduled(fixedDelayString = "${recycling.dispatch.interval:PT30S}", initialDelayString = "${recycling.dispatch.interval:PT30S}")
    void scheduled() {
        check();
    }

    /** Reports the breaches found now, unless another instance is doing it; returns how many. */
    public int check() {
        Integer count = transactions.execute(status -> {
            Boolean mine = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(hashtext('recycling.deadlines'))", Boolean.class);
            if (!Boolean.TRUE.equals(mine)) {
                return 0;
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            List<Outbox.Message> events = new ArrayList<>();
            missed(DISPATCH_MISSED, PickupDeadline.DISPATCH, now, events);
            missed(ARRIVAL_MISSED, PickupDeadline.ARRIVAL, now, events);
            outbox.publishAll(events);
            return events.size();
        });
        return count == null ? 0 : count;
    }

    private void missed(String sql, PickupDeadline deadline, Instant now, List<Outbox.Message> events) {
        Timestamp at = Timestamp.from(now);
        jdbc.query(sql, rs -> {
            UUID id = rs.getObject("id", UUID.class);
            events.add(PickupLifecycle.message(new PickupDeadlineMissed(PickupDeadlineMissed.eventIdOf(id, deadline),
                    PickupDeadlineMissed.SCHEMA_VERSION, rs.getString("community_id"), now, id, deadline,
                    rs.getTimestamp("due_at").toInstant(), PickupStatus.valueOf(rs.getString("status")).state(),
                    rs.getString("recycler_id"))));
            meters.counter("recycling.pickups.deadlines-missed", "deadline", deadline.name().toLowerCase(java.util.Locale.ROOT))
                    .increment();
        }, at, at, settings.batchSize());
    }
}
