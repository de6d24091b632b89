package org.communitycarbon.ops.bins;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A bin's latest reported fill level.
 *
 * @param fillingLevel a ratio from 0 (empty) to 1 (full)
 */
public record BinLevel(String deviceId, @Nullable String dropPointId, @Nullable String wasteKind, BigDecimal fillingLevel,
        Instant observedAt) {
}
