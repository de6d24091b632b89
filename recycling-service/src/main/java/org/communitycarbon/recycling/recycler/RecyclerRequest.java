package org.communitycarbon.recycling.recycler;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A licensed recycling company to onboard.
 *
 * @param id a short name for URLs and events, chosen now and never changed
 * @param name the company's name
 * @param licenceNumber its recycling licence
 * @param categories the category codes it takes
 * @param dailyCapacity how many pickups it may be dispatched per day, across the communities it serves
 */
public record RecyclerRequest(
        @Schema(example = "green-cycle", description = "2 to 40 lower-case letters, digits and '-', starting with a letter or digit")
        @NotNull @Pattern(regexp = "^[a-z0-9][a-z0-9-]{1,39}$") String id,
        @Schema(example = "Green Cycle Renewable Resources Co.") @NotBlank @Size(max = 100) String name,
        @Schema(example = "BJ-RR-2024-0117", description = "1 to 40 letters, digits and '-'")
        @NotNull @Pattern(regexp = "^[A-Za-z0-9-]{1,40}$") String licenceNumber,
        @Schema(example = "[\"PAPER\", \"PLASTIC\", \"METAL\"]", description = "Category codes from GET /api/recycling/categories")
        @NotNull @Size(min = 1, max = 20) List<@NotBlank String> categories,
        @Schema(example = "40", description = "Pickups it may be dispatched per day: 1 to 10000")
        @Min(1) @Max(10000) int dailyCapacity) {
}
