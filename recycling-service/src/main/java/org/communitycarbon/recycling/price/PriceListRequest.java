package org.communitycarbon.recycling.price;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A new version of a community's prices.
 *
 * @param effectiveFrom the local date from which it applies: today (from now on) or later
 * @param items a price for every category of the catalogue, each once
 * @param note why, for the record
 */
public record PriceListRequest(
        @Schema(example = "2026-12-01", description = "Local date (Asia/Shanghai by default) from which the version applies: "
                + "today, taking effect at once, or a later date, at its start; at most a year ahead")
        @NotNull LocalDate effectiveFrom,
        @Schema(description = "A price for every category of GET /api/recycling/categories, each once")
        @NotNull @Size(min = 1, max = 50) List<@Valid @NotNull PriceItemRequest> items,
        @Schema(example = "Paper prices up after the recyclers' new contract") @Size(max = 200) @Nullable String note) {
}
