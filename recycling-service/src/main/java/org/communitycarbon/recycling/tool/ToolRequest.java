package org.communitycarbon.recycling.tool;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A tool the community lends.
 *
 * @param depositCredits the deposit a booking asks, in credits
 */
record ToolRequest(
        @Schema(example = "Aluminium ladder, 3 m") @NotBlank @Size(max = 100) String name,
        @Schema(example = "Kept in the property office, building 1") @Size(max = 500) @Nullable String description,
        @Schema(example = "500", description = "0 to 100000 credits") @NotNull @Min(0) @Max(100000) Integer depositCredits) {
}
