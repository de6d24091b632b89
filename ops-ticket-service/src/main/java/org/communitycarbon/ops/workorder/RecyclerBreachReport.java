package org.communitycarbon.ops.workorder;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Missed pickup deadlines of a community's pickups over a period, per recycler: what counts against each recycler
 * company. No household appears.
 *
 * @param from the period's start (inclusive), by the missed deadline's due time
 * @param to the period's end (exclusive)
 * @param recyclers one row per recycler with a breach in the period, most breaches first; a row without
 *        {@code recyclerId} counts breaches of pickups no recycler was dispatched to yet (the community's dispatch
 *        had nobody with capacity)
 * @param lateDispatches all rows' late dispatches together
 * @param lateVisits all rows' late visits together
 */
public record RecyclerBreachReport(
        String communityId,
        Instant from,
        Instant to,
        List<RecyclerBreaches> recyclers,
        long lateDispatches,
        long lateVisits) {

    /**
     * @param recyclerId the recycler the pickup was assigned to when the deadline was missed, absent for none
     * @param lateDispatches pickups not dispatched by their dispatch deadline (one hour by default)
     * @param lateVisits pickups not collected by their arrival deadline (24 hours, or the resident's later window)
     * @param total both
     */
    public record RecyclerBreaches(@Nullable String recyclerId, long lateDispatches, long lateVisits, long total) {
    }
}
