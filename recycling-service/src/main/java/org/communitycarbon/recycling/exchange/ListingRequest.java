package org.communitycarbon.recycling.exchange;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An item a resident offers.
 *
 * @param photoRefs references to photos the app stored (not the photos), at most 5
 * @param askingCredits credits asked; 0 for free
 */
record ListingRequest(
        @Schema(example = "Children's picture books, 12 volumes") @NotBlank @Size(max = 100) String title,
        @Schema(example = "Chinese and English, good for ages 3 to 6") @Size(max = 1000) @Nullable String description,
        @Schema(example = "GOOD") @NotNull Condition condition,
        @Schema(example = "[\"photos/2026/12/books-1.jpg\"]")
        @Size(max = 5) @Nullable List<@NotNull @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9_./-]{0,199}$") String> photoRefs,
        @Schema(example = "0", description = "0 (free) to 100000") @NotNull @Min(0) @Max(100000) Integer askingCredits) {

    /** How worn an item is. */
    enum Condition {
        NEW, LIKE_NEW, GOOD, FAIR
    }
}
