package org.communitycarbon.recycling.price;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The price of one category.
 *
 * @param category the category's code
 * @param pricePerKgCny what a recycler pays per kg, in CNY
 * @param creditsPerKg the credits a kg earns
 */
public record PriceView(
        @Schema(example = "PAPER") String category,
        @Schema(example = "1.40") BigDecimal pricePerKgCny,
        @Schema(example = "300") int creditsPerKg) {
}
