package org.communitycarbon.recycling.pickup;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the dispatcher and the deadline watch run.
 *
 * @param interval how often each looks at the waiting bookings (and the deadlines); well below the 1-hour dispatch
 *        promise
 * @param batchSize bookings dispatched, or breaches reported, per run at most
 * @param zone the zone whose calendar day a recycler's daily capacity counts over
 */
@ConfigurationProperties("recycling.dispatch")
public record DispatchSettings(@DefaultValue("PT30S") Duration interval, @DefaultValue("200") int batchSize,
        @DefaultValue("Asia/Shanghai") ZoneId zone) {

    public DispatchSettings {
        if (interval.isNegative() || interval.isZero() || batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("recycling.dispatch: interval must be positive, batch-size 1 to 10000");
        }
    }
}
