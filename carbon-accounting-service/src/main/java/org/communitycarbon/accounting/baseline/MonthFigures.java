package org.communitycarbon.accounting.baseline;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;

/**
 * A household's electricity in one local month, from the daily rollups.
 *
 * @param kwh consumption: the sum of its unflagged readings' deltas that end in the month
 * @param daysWithReadings local days of the month with at least one unflagged reading
 * @param flagged readings of the month flagged as glitches, resets, jumps or pending
 */
record MonthFigures(YearMonth month, BigDecimal kwh, int daysWithReadings, int flagged) {

    int daysInMonth() {
        return month.lengthOfMonth();
    }

    /**
     * Whether the month can be settled or be a baseline: readings on at least {@code minCoverage} of its days (a gap at
     * its end would push its consumption into the next month) and none flagged (a reset loses the consumption of its
     * interval, which would look like a saving).
     */
    boolean usable(BigDecimal minCoverage) {
        return flagged == 0 && enoughDays(minCoverage);
    }

    boolean enoughDays(BigDecimal minCoverage) {
        return BigDecimal.valueOf(daysWithReadings).compareTo(minCoverage.multiply(BigDecimal.valueOf(daysInMonth()))) >= 0;
    }

    /** kWh per day of the month, to the tenth of a Wh. */
    BigDecimal perDay() {
        return kwh.divide(BigDecimal.valueOf(daysInMonth()), 7, RoundingMode.HALF_UP);
    }
}
