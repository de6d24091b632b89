package org.communitycarbon.recycling.pickup;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The resident's rating of a collected pickup.
 *
 * @param stars 1 to 5
 * @param comment what they want to say, up to 500 characters
 */
public record RatingRequest(
        @Schema(example = "5", description = "1 (poor) to 5 (excellent)") @NotNull @Min(1) @Max(5) Integer stars,
        @Schema(example = "On time and friendly") @Size(max = 500) @Nullable String comment) {
}
