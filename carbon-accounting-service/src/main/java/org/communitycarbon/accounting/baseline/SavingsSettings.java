package org.communitycarbon.accounting.baseline;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How electricity savings are settled (docs/accounting.md#electricity-saved-against-a-baseline).
 *
 * @param firstMonths how many of a household's first usable months make its baseline when the same month a year before
 *        is not usable (1 to 12)
 * @param minCoverage the share of a month's local days that must have an unflagged reading for the month to count, as the
 *        month settled or as a baseline month (0.5 to 1)
 * @param minPeers the fewest households of a community type, with usable months and known members, whose median makes a
 *        baseline (1 to 1000)
 * @param settleAfter how long after a local month ends it is settled, so that late readings arrive first
 * @param enabled whether the scheduled job settles months (tests and one-off tools turn it off)
 */
@ConfigurationProperties("accounting.savings")
public record SavingsSettings(
        @DefaultValue("3") int firstMonths,
        @DefaultValue("0.8") BigDecimal minCoverage,
        @DefaultValue("5") int minPeers,
        @DefaultValue("P2D") Duration settleAfter,
        @DefaultValue("true") boolean enabled) {

    public SavingsSettings {
        if (firstMonths < 1 || firstMonths > 12) {
            throw new IllegalArgumentException("accounting.savings.first-months must be between 1 and 12, was " + firstMonths);
        }
        if (minCoverage.compareTo(new BigDecimal("0.5")) < 0 || minCoverage.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("accounting.savings.min-coverage must be between 0.5 and 1, was " + minCoverage);
        }
        if (minPeers < 1 || minPeers > 1000) {
            throw new IllegalArgumentException("accounting.savings.min-peers must be between 1 and 1000, was " + minPeers);
        }
        if (settleAfter.isNegative() || settleAfter.compareTo(Duration.ofDays(27)) > 0) {
            throw new IllegalArgumentException("accounting.savings.settle-after must be between 0 and 27 days, was " + settleAfter);
        }
    }
}
