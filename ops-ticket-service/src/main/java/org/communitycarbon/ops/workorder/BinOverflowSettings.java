package org.communitycarbon.ops.workorder;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a bin counts as overflowing and how long the property team has to empty it.
 *
 * @param threshold the fill level, a ratio above 0 and at most 1, at or above which a bin overflows
 *        ({@code OPS_BIN_OVERFLOW_THRESHOLD}, 0.8 by default)
 * @param resolveWithin the time from the reading that opened an order to its deadline (2 hours by default)
 * @param emptiedBelow the fill level below which a bin's status, observed after its order was resolved, confirms it
 *        was emptied and closes the order ({@code OPS_BIN_OVERFLOW_EMPTIED_BELOW}, 0.3 by default); below {@code threshold}
 */
@ConfigurationProperties("ops.bin-overflow")
public record BinOverflowSettings(
        @DefaultValue("0.8") BigDecimal threshold,
        @DefaultValue("PT2H") Duration resolveWithin,
        @DefaultValue("0.3") BigDecimal emptiedBelow) {

    public BinOverflowSettings {
        if (threshold.signum() <= 0 || threshold.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException(
                    "ops.bin-overflow.threshold is a fill ratio above 0 and at most 1, was " + threshold.toPlainString());
        }
        if (emptiedBelow.signum() <= 0 || emptiedBelow.compareTo(threshold) > 0) {
            throw new IllegalArgumentException("ops.bin-overflow.emptied-below is a fill ratio above 0 and at most the threshold "
                    + threshold.toPlainString() + ", was " + emptiedBelow.toPlainString());
        }
        if (resolveWithin.isNegative() || resolveWithin.isZero()) {
            throw new IllegalArgumentException("ops.bin-overflow.resolve-within must be positive, was " + resolveWithin);
        }
    }
}
