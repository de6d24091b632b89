package org.communitycarbon.sensing.rejected;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes refused messages older than {@code sensing.rejected.retention} (30 days by default,
 * {@code SENSING_REJECTED_RETENTION}): they hold raw device data, and are kept as long as they help to find a
 * faulty device, not longer. Runs every {@code sensing.rejected.purge-interval} (1 hour) in batches, so a large
 * backlog never holds a long transaction; instances may run it at once, deleting is idempotent. The dead-letter
 * topic keeps the originals by its own retention.
 */
@Component
class RejectedMessageRetention {

    private static final Logger log = LoggerFactory.getLogger(RejectedMessageRetention.class);
    private static final int BATCH = 10_000;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration retention;

    RejectedMessageRetention(JdbcTemplate jdbc, Clock clock, @Value("${sensing.rejected.retention:30d}") Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("sensing.rejected.retention must be positive, was " + retention);
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
    }

    /** Deletes what is past retention; returns how many. */
    @Scheduled(fixedDelayString = "${sensing.rejected.purge-interval:1h}", initialDelayString = "${sensing.rejected.purge-interval:1h}")
    int purge() {
        Timestamp before = Timestamp.from(clock.instant().minus(retention));
        int deleted = 0;
        int batch;
        do {
            batch = jdbc.update("DELETE FROM rejected_message WHERE id IN "
                    + "(SELECT id FROM rejected_message WHERE received_at < ? LIMIT " + BATCH + ")", before);
            deleted += batch;
        }
        while (batch == BATCH);
        if (deleted > 0) {
            log.info("Deleted {} refused messages received before {}", deleted, before.toInstant());
        }
        return deleted;
    }
}
