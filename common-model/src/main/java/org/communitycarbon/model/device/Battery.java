package org.communitycarbon.model.device;

import java.math.BigDecimal;

import org.communitycarbon.model.Require;
import org.jspecify.annotations.Nullable;

/** A battery-powered device's charge, as it reports it: a ratio from 0 (empty) to 1 (full), at most 3 decimals. */
public final class Battery {

    public static final int LEVEL_SCALE = 3;

    private Battery() {
    }

    /** The level if given, checked; {@code null} if the device sent none. */
    public static @Nullable BigDecimal level(@Nullable BigDecimal value, String field) {
        return value == null ? null : Require.decimal(value, field, BigDecimal.ZERO, BigDecimal.ONE, LEVEL_SCALE);
    }
}
