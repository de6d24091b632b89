package org.communitycarbon.recycling.performance;

import java.math.BigDecimal;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One recycler's record with a community over a period: the pickups booked in it that are (now) dispatched to the
 * recycler.
 *
 * @param orders those pickups
 * @param collected of them, collected
 * @param cancelled of them, cancelled
 * @param dispatchedOnTime of them, dispatched by their dispatch deadline
 * @param onTimeDispatchRate dispatchedOnTime ÷ orders, 0 to 1; absent without orders
 * @param visitsDue of them, those whose visit can be judged: collected, or not collected by the arrival deadline
 * @param visitsOnTime of those, collected by the arrival deadline
 * @param onTimeVisitRate visitsOnTime ÷ visitsDue, 0 to 1; absent when no visit can be judged yet
 * @param ratings how many of them the residents rated
 * @param averageRating their average stars, 1 to 5; absent without ratings
 * @param collectedKg the weight collected
 * @param kgByCategory the weight collected per category code
 */
public record RecyclerPerformance(
        @Schema(example = "green-cycle") String recyclerId,
        @Schema(example = "Green Cycle Renewable Resources Co.") String name,
        long orders, long collected, long cancelled,
        long dispatchedOnTime, @Schema(example = "0.975") @Nullable BigDecimal onTimeDispatchRate,
        long visitsDue, long visitsOnTime, @Schema(example = "0.9") @Nullable BigDecimal onTimeVisitRate,
        long ratings, @Schema(example = "4.6") @Nullable BigDecimal averageRating,
        @Schema(example = "128.4") BigDecimal collectedKg,
        @Schema(example = "{\"PAPER\": 96.2, \"PLASTIC\": 32.2}") Map<String, BigDecimal> kgByCategory) {
}
