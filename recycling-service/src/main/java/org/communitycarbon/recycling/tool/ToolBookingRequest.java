package org.communitycarbon.recycling.tool;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/**
 * When a resident wants a tool: from {@code from} to {@code until}, not in the past, at most 7 days, starting within
 * 60 days (by default).
 */
record ToolBookingRequest(
        @Schema(example = "2026-12-05T09:00:00+08:00") @NotNull Instant from,
        @Schema(example = "2026-12-05T18:00:00+08:00") @NotNull Instant until) {
}
