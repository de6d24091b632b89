package org.communitycarbon.accounting.retention;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Purges raw meter readings observed before the retention's cutoff, community by community, in transactions of at most
 * {@code batch-size} rows. Nothing the rollups or the next reading need is lost:
 * <ul>
 * <li>the rollups (hourly, daily, device quality) already hold every stored reading's contribution — they are maintained in
 * the transaction that stores it — and answers older than the raw window read only them;</li>
 * <li>each device keeps its last trusted reading before the cutoff (and anything after it), so a reading that arrives
 * later is measured from it exactly as before the purge;</li>
 * <li>readings after the cutoff — every period the API reads from readings, every month settlements and restatements
 * look at — stay.</li>
 * </ul>
 * Readings observed before the cutoff are refused when they arrive ({@code ConsumptionRecorder}): their neighbours may be
 * gone. Instances that purge at once delete the same or other rows, harmlessly.
 */
@Component
public class RawReadingRetention {

    private static final Logger log = LoggerFactory.getLogger(RawReadingRetention.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final RetentionSettings settings;
    private final Clock clock;
    private final Counter purged;

    RawReadingRetention(JdbcTemplate jdbc, TransactionTemplate transactions, RetentionSettings settings, Clock clock,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
        this.purged = Counter.builder("accounting.meter.readings.purged")
                .description("Raw meter readings deleted by the retention job").register(meters);
    }

    /** The instant before which readings are purged and refused, now. */
    public Instant cutoff() {
        return clock.instant().minus(settings.rawReadings());
    }

    public boolean enabled() {
        return settings.enabled();
    }

    @Scheduled(initialDelayString = "${accounting.retention.first-run-after:PT10M}", fixedDelayString = "${accounting.retention.run-every:PT6H}")
    void scheduled() {
        if (!settings.enabled()) {
            return;
        }
        Instant cutoff = cutoff();
        long deleted = purge(cutoff);
        if (deleted > 0) {
            log.info("Purged {} raw meter readings observed before {}", deleted, cutoff);
        }
    }

    /** Deletes the readings observed before {@code cutoff} that nothing needs, in batches; returns how many. */
    public long purge(Instant cutoff) {
        List<String> communities = jdbc.queryForList("""
                SELECT DISTINCT community_id FROM community_consumption_day WHERE day < CAST(? AS timestamptz)::date + 1""",
                String.class, Timestamp.from(cutoff));
        long total = 0;
        for (String community : communities) {
            total += purge(community, cutoff);
        }
        return total;
    }

    /** Deletes one community's readings observed before {@code cutoff} that nothing needs, in batches; returns how many. */
    public long purge(String community, Instant cutoff) {
        long total = 0;
        int deleted;
        do {
            Integer batch = transactions.execute(status -> batch(community, cutoff));
            deleted = batch == null ? 0 : batch;
            total += deleted;
            purged.increment(deleted);
        }
        while (deleted == settings.batchSize());
        return total;
    }

    /**
     * One batch: readings before the cutoff for which a later trusted reading of the same device, also before the
     * cutoff, exists — so each device's last trusted reading before the cutoff, and any untrusted one after it, stay.
     */
    private int batch(String community, Instant cutoff) {
        return jdbc.update("""
                DELETE FROM meter_reading m USING (
                    SELECT r.community_id, r.device_id, r.observed_at FROM meter_reading r
                    WHERE r.community_id = ? AND r.observed_at < ?
                      AND EXISTS (SELECT 1 FROM meter_reading k
                                  WHERE k.community_id = r.community_id AND k.device_id = r.device_id
                                    AND k.observed_at > r.observed_at AND k.observed_at < ?
                                    AND k.quality IN ('FIRST', 'OK', 'RESET', 'JUMP'))
                    ORDER BY r.observed_at LIMIT ?) AS old
                WHERE m.community_id = old.community_id AND m.device_id = old.device_id AND m.observed_at = old.observed_at""",
                community, Timestamp.from(cutoff), Timestamp.from(cutoff), settings.batchSize());
    }
}
