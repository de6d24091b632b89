package org.communitycarbon.ops.workorder;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the overflow rule needs to know about one bin's earlier work orders.
 *
 * @param activeOrder an order for the bin is not resolved yet
 * @param lastResolvedAt when the bin's latest resolved order was resolved, if any
 */
record BinHistory(boolean activeOrder, @Nullable Instant lastResolvedAt) {

    /** A bin that never had a work order. */
    static final BinHistory NONE = new BinHistory(false, null);

    /** The same bin after an order was opened for it. */
    BinHistory withActiveOrder() {
        return new BinHistory(true, lastResolvedAt);
    }

    /**
     * A reading observed at or before the last resolution describes the bin before it was emptied: a late
     * or replayed message, not a new overflow.
     */
    boolean predatesLastResolution(Instant observedAt) {
        return lastResolvedAt != null && !observedAt.isAfter(lastResolvedAt);
    }
}
