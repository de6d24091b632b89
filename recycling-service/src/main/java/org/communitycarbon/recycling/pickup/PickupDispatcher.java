package org.communitycarbon.recycling.pickup;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Dispatches waiting bookings automatically, oldest first. A booking goes to a recycler that serves its community,
 * takes every one of its categories and has capacity left today; among those, the one with the smallest share of its
 * daily capacity used today, then the fewest dispatches today, then the smallest id — so work is spread in proportion
 * to capacity and the choice is the same whoever runs it. One instance dispatches at a time (a transaction-scoped
 * advisory lock); a booking no recycler can take waits for the next run, and the deadline watch reports it when its
 * dispatch deadline passes.
 *
 * <p>It reads the recycler tables directly: dispatch is one query over bookings and recyclers, not a call per
 * candidate.
 */
@Component
public class PickupDispatcher {

    /** Waiting bookings some recycler of their community could take, oldest first, skipping rows being changed. */
    private static final String WAITING = """
            SELECT b.id FROM pickup_booking b
            WHERE b.status = 'REQUESTED'
              AND EXISTS (SELECT 1 FROM recycler_community rc JOIN recycler r ON r.id = rc.recycler_id
                          WHERE rc.community_id = b.community_id AND r.categories @> b.categories)
            ORDER BY b.requested_at, b.id
            LIMIT ?
            FOR UPDATE OF b SKIP LOCKED""";

    private static final String CHOOSE = """
            SELECT r.id
            FROM pickup_booking b
            JOIN recycler_community rc ON rc.community_id = b.community_id
            JOIN recycler r ON r.id = rc.recycler_id AND r.categories @> b.categories
            CROSS JOIN LATERAL (SELECT count(*) AS today FROM pickup_booking d
                                WHERE d.recycler_id = r.id AND d.dispatched_at >= ? AND d.status <> 'CANCELLED') t
            WHERE b.id = ? AND t.today < r.daily_capacity
            ORDER BY t.today::numeric / r.daily_capacity, t.today, r.id
            LIMIT 1""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final PickupLifecycle lifecycle;
    private final DispatchSettings settings;
    private final Clock clock;
    private final Counter dispatched;

    PickupDispatcher(JdbcTemplate jdbc, TransactionTemplate transactions, PickupLifecycle lifecycle, DispatchSettings settings,
            Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.lifecycle = lifecycle;
        this.settings = settings;
        this.clock = clock;
        this.dispatched = Counter.builder("recycling.pickups.dispatched").description("Pickups dispatched automatically")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${recycling.dispatch.interval:PT30S}", initialDelayString = "${recycling.dispatch.interval:PT30S}")
    void scheduled() {
        dispatchWaiting();
    }

    /** Dispatches what it can now, unless another instance is doing it; returns how many bookings were dispatched. */
    public int dispatchWaiting() {
        Integer count = transactions.execute(status -> {
            Boolean mine = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(hashtext('recycling.dispatch'))", Boolean.class);
            if (!Boolean.TRUE.equals(mine)) {
                return 0;
            }
            Instant now = clock.instant();
            Timestamp dayStart = Timestamp.from(LocalDate.ofInstant(now, settings.zone()).atStartOfDay(settings.zone()).toInstant());
            int done = 0;
            for (UUID id : jdbc.queryForList(WAITING, UUID.class, settings.batchSize())) {
                List<String> chosen = jdbc.queryForList(CHOOSE, String.class, dayStart, id);
                if (!chosen.isEmpty()) {
                    lifecycle.dispatch(id, chosen.get(0));
                    done++;
                }
            }
            return done;
        });
        int done = count == null ? 0 : count;
        dispatched.increment(done);
        return done;
    }
}
