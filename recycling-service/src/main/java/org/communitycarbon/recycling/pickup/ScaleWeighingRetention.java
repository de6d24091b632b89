package org.communitycarbon.recycling.pickup;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Deletes rejected scale weighings recorded longer ago than {@code recycling.scale-weighings.rejected-retention}
 * ({@code RECYCLING_REJECTED_WEIGHINGS_RETENTION}, 90 days by default): they serve to find a faulty or misused scale and
 * to answer why a weighing was not counted, not longer. Applied weighings stay: they are what a pickup was settled with.
 * Runs every {@code recycling.scale-weighings.purge-interval} (1 hour) in batches, so a large backlog never holds a long
 * transaction; instances may run it at once, deleting is idempotent. A weighing a scale sends again after its rejection
 * was deleted is decided again, as new.
 */
@Component
class ScaleWeighingRetention {

    private static final Logger log = LoggerFactory.getLogger(ScaleWeighingRetention.class);

    /** Rows deleted per statement. */
    static final int BATCH = 10_000;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ScaleWeighingSettings settings;
    private final Counter purged;

    ScaleWeighingRetention(JdbcTemplate jdbc, Clock clock, ScaleWeighingSettings settings, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.purged = Counter.builder("recycling.scale-weighings.rejected.purged")
                .description("Rejected scale weighings deleted by the retention job").register(meters);
    }

    /** Deletes the rejected weighings recorded before the retention's cutoff; returns how many. */
    @Scheduled(fixedDelayString = "${recycling.scale-weighings.purge-interval:PT1H}",
            initialDelayString = "${recycling.scale-weighings.purge-interval:PT1H}")
    int purge() {
        Instant before = clock.instant().minus(settings.rejectedRetention());
        int deleted = 0;
        int batch;
        do {
            batch = jdbc.update("""
                    DELETE FROM scale_weighing WHERE event_id IN (
                        SELECT event_id FROM scale_weighing WHERE outcome = 'REJECTED' AND recorded_at < ? LIMIT ?)""",
                    Timestamp.from(before), BATCH);
            deleted += batch;
        }
        while (batch == BATCH);
        if (deleted > 0) {
            purged.increment(deleted);
            log.info("Deleted {} rejected scale weighings recorded before {}", deleted, before);
        }
        return deleted;
    }
}
