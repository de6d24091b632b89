package org.communitycarbon.support.outbox;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes inbox rows ({@code processed_event}) older than the retention, hourly, a few thousand rows per
 * statement so no long lock is taken. The retention is longer than any redelivery can be late: a Kafka
 * consumer group's committed offsets and the MQTT session expire well before it.
 */
public final class InboxCleanup implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboxCleanup.class);
    private static final int CHUNK = 5_000;

    private final JdbcTemplate jdbc;
    private final Duration retention;
    private @Nullable ScheduledExecutorService scheduler;

    InboxCleanup(JdbcTemplate jdbc, Duration retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    /** Deletes what is past retention; returns how many rows. */
    public int clean() {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update("""
                    DELETE FROM processed_event WHERE ctid IN (
                        SELECT ctid FROM processed_event WHERE processed_at < now() - make_interval(secs => ?) LIMIT ?)""",
                    (double) retention.toSeconds(), CHUNK);
            total += deleted;
        }
        while (deleted == CHUNK);
        return total;
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "inbox-cleanup");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                int deleted = clean();
                if (deleted > 0) {
                    log.info("Inbox cleanup deleted {} processed-event rows older than {}", deleted, retention);
                }
            }
            catch (RuntimeException e) {
                log.warn("Inbox cleanup failed, next try in an hour: {}", e.getMessage());
            }
        }, 5, 60, TimeUnit.MINUTES);
        scheduler = executor;
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
