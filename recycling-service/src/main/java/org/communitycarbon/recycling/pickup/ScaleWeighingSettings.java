package org.communitycarbon.recycling.pickup;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the connected scales' rejected weighings are kept ({@link ScaleWeighingRetention}).
 *
 * @param rejectedRetention a rejected weighing is deleted once recorded longer ago than this; at least a day
 * @param purgeInterval how often the retention job runs
 */
@ConfigurationProperties("recycling.scale-weighings")
public record ScaleWeighingSettings(@DefaultValue("90d") Duration rejectedRetention, @DefaultValue("PT1H") Duration purgeInterval) {

    public ScaleWeighingSettings {
        if (rejectedRetention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("recycling.scale-weighings.rejected-retention must be at least a day, was "
                    + rejectedRetention);
        }
        if (purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new IllegalArgumentException("recycling.scale-weighings.purge-interval must be positive, was " + purgeInterval);
        }
    }
}
