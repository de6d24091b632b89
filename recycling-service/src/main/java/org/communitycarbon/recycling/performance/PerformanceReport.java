package org.communitycarbon.recycling.performance;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The recyclers of a community over the pickups booked from {@code from} to {@code to}, both included, in the
 * community's local calendar ({@code zone}).
 *
 * @param recyclers every recycler serving the community, and any other that holds pickups of the period, by id
 */
public record PerformanceReport(@Schema(example = "maple-court") String communityId, LocalDate from, LocalDate to,
        @Schema(example = "Asia/Shanghai") String zone, List<RecyclerPerformance> recyclers) {
}
