package org.communitycarbon.recycling.price;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The price of one category in a new version.
 *
 * @param category a category code from {@code GET /api/recycling/categories}
 * @param pricePerKgCny what the community's recyclers pay per kg, in CNY
 * @param creditsPerKg credits per kg; left out, the catalogue's rate (300: 0.3 kg CO2e per kg at 1 credit per gram)
 */
public record PriceItemRequest(
        @Schema(example = "PAPER") @NotNull @Pattern(regexp = "^[A-Z][A-Z_]{0,39}$") String category,
        @Schema(example = "1.40", description = "CNY per kg: 0 to 10000, at most 2 decimals")
        @NotNull @DecimalMin("0") @DecimalMax("10000") @Digits(integer = 5, fraction = 2) BigDecimal pricePerKgCny,
        @Schema(example = "300", description = "Credits per kg: 0 to 100000; left out, the catalogue's 300 (the accounting "
                + "methodology's 0.3 kg CO2e per kg recycled at 1 credit per gram)")
        @Min(0) @Max(100000) @Nullable Integer creditsPerKg) {
}
