package org.communitycarbon.accounting.retention;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long raw meter readings are kept (docs/accounting.md#retention-of-raw-readings).
 *
 * @param rawReadings how long a raw reading is kept after the time it was observed: at least 367 days, so every period
 *        the API answers from readings (at most 366 days) and every month a settlement or restatement looks at stay whole
 * @param batchSize readings deleted per statement and transaction (100 to 100,000)
 * @param enabled whether the scheduled job purges, and whether readings older than the retention are refused as too late
 */
@ConfigurationProperties("accounting.retention")
public record RetentionSettings(
        @DefaultValue("P400D") Duration rawReadings,
        @DefaultValue("10000") int batchSize,
        @DefaultValue("true") boolean enabled) {

    public static final Duration SHORTEST = Duration.ofDays(367);

    public RetentionSettings {
        if (rawReadings.compareTo(SHORTEST) < 0) {
            throw new IllegalArgumentException("accounting.retention.raw-readings must be at least " + SHORTEST.toDays()
                    + " days, was " + rawReadings);
        }
        if (batchSize < 100 || batchSize > 100_000) {
            throw new IllegalArgumentException("accounting.retention.batch-size must be between 100 and 100000, was " + batchSize);
        }
    }
}
