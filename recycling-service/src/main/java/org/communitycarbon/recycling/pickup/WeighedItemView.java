package org.communitycarbon.recycling.pickup;

import java.math.BigDecimal;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A category weighed at the door.
 *
 * @param weightKg what the scale showed, in kg
 * @param pricePerKgCny the cash rate of the price version in force at collection
 * @param creditsPerKg the credits rate of that version
 * @param source who weighed it: the collector (entered at the door) or the community's connected scales
 * @param scaleDevices the scales that weighed it, when {@code source} is {@code SCALE}; empty otherwise
 */
public record WeighedItemView(@Schema(example = "PAPER") String category, @Schema(example = "3.2") BigDecimal weightKg,
        @Schema(example = "1.40") BigDecimal pricePerKgCny, @Schema(example = "300") int creditsPerKg,
        @Schema(example = "SCALE") WeighedBy source, @Schema(example = "[\"scale-dp9\"]") List<String> scaleDevices) {
}
