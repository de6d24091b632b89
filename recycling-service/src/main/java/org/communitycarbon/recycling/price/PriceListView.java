package org.communitycarbon.recycling.price;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A version of a community's prices, or the catalogue's defaults (version 0) where the community has none in force.
 *
 * @param version the version's number; 0 for the catalogue's example defaults
 * @param effectiveFrom the local date it applies from; absent for the defaults
 * @param effectiveAt the instant it applies from: the start of that date, or its publication for a version published
 *        for the day it was published; absent for the defaults
 * @param publishedAt when it was published; absent for the defaults
 * @param note why it was published
 * @param items the price of every category
 */
public record PriceListView(
        @Schema(example = "maple-court") String communityId,
        @Schema(example = "2", description = "0 for the catalogue's example defaults") int version,
        @Nullable LocalDate effectiveFrom,
        @Nullable Instant effectiveAt,
        @Nullable Instant publishedAt,
        @Nullable String note,
        List<PriceView> items) {

    /** The price of a category in this version. */
    public Optional<PriceView> priceOf(String category) {
        return items.stream().filter(item -> item.category().equals(category)).findFirst();
    }
}
