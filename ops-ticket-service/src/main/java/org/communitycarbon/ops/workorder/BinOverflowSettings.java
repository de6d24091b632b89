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
 */
@ConfigurationProperties("ops.bin-overflow")
public record BinOverflowSettings(
        @DefaultValue("0.8") BigDecimal threshold,
        @DefaultValue("PT2H") Duration resolveWithin) {

    public BinOverflowSettings {
        if (threshold.signum() <= 0 || threshold.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException(
                    "ops.bin-overflow.threshold is a fill ratio above 0 and at most 1, was " + threshold.toPlainString());
        }
        if (resolveWithin.isNegative() || resolveWithin.isZero()) {
            throw new IllegalArgumentException("ops.bin-overflow.resolve-within must be positive, was " + resolveWithin);
        }
    }
}
