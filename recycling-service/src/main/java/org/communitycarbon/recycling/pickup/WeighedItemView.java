package org.communitycarbon.recycling.pickup;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A category weighed at the door.
 *
 * @param weightKg what the scale showed, in kg
 * @param pricePerKgCny the cash rate of the price version in force at collection
 * @param creditsPerKg the credits rate of that version
 */
public record WeighedItemView(@Schema(example = "PAPER") String category, @Schema(example = "3.2") BigDecimal weightKg,
        @Schema(example = "1.40") BigDecimal pricePerKgCny, @Schema(example = "300") int creditsPerKg) {
}
