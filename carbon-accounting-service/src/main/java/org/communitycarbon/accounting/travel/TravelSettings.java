package org.communitycarbon.accounting.travel;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The rules of green travel from partners (docs/accounting.md#green-travel-from-partners).
 *
 * @param maxKmPerDay the most a resident's accepted trips may cover in one local day, all partners together
 * @param reportWindow how old a trip may be when reported (its end)
 * @param clockSkew how far in the future a trip's end may lie, for the partner's clock
 * @param maxTripDuration the longest a trip may last
 * @param distanceTolerance how far two reports of one trip may differ in distance, as a share of the longer (with at
 *        least {@code minDistanceTolerance})
 * @param minDistanceTolerance the least difference in km always tolerated
 */
@ConfigurationProperties("accounting.travel")
public record TravelSettings(
        @DefaultValue("100") BigDecimal maxKmPerDay,
        @DefaultValue("P30D") Duration reportWindow,
        @DefaultValue("PT5M") Duration clockSkew,
        @DefaultValue("PT12H") Duration maxTripDuration,
        @DefaultValue("0.2") BigDecimal distanceTolerance,
        @DefaultValue("0.5") BigDecimal minDistanceTolerance) {

    public TravelSettings {
        if (maxKmPerDay.signum() <= 0 || maxKmPerDay.compareTo(new BigDecimal("1000")) > 0) {
            throw new IllegalArgumentException("accounting.travel.max-km-per-day must be above 0 and at most 1000, was " + maxKmPerDay);
        }
        if (reportWindow.isNegative() || reportWindow.isZero() || reportWindow.compareTo(Duration.ofDays(366)) > 0) {
            throw new IllegalArgumentException("accounting.travel.report-window must be above 0 and at most 366 days, was " + reportWindow);
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("accounting.travel.clock-skew must be between 0 and 1 hour, was " + clockSkew);
        }
        if (maxTripDuration.isNegative() || maxTripDuration.isZero() || maxTripDuration.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("accounting.travel.max-trip-duration must be above 0 and at most 1 day, was "
                    + maxTripDuration);
        }
        if (distanceTolerance.signum() < 0 || distanceTolerance.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("accounting.travel.distance-tolerance must be between 0 and 1, was " + distanceTolerance);
        }
        if (minDistanceTolerance.signum() < 0 || minDistanceTolerance.compareTo(BigDecimal.TEN) > 0) {
            throw new IllegalArgumentException("accounting.travel.min-distance-tolerance must be between 0 and 10 km, was "
                    + minDistanceTolerance);
        }
    }

    /** The defaults, for tests of the rules. */
    static TravelSettings defaults() {
        return new TravelSettings(new BigDecimal("100"), Duration.ofDays(30), Duration.ofMinutes(5), Duration.ofHours(12),
                new BigDecimal("0.2"), new BigDecimal("0.5"));
    }
}
