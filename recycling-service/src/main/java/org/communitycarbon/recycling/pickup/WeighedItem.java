package org.communitycarbon.recycling.pickup;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * What the collector's scale showed for one category.
 *
 * @param category one of the booking's categories, or one the recycler takes
 * @param weightKg above 0, at most 1000, at most 3 decimals
 */
public record WeighedItem(
        @Schema(example = "PAPER") @NotNull @Pattern(regexp = "^[A-Z][A-Z_]{0,39}$") String category,
        @Schema(example = "3.2", description = "kg: above 0, at most 1000, at most 3 decimals")
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000") @Digits(integer = 4, fraction = 3)
        BigDecimal weightKg) {
}
