package org.communitycarbon.recycling.catalog;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A recycling category as the app and the dashboard show it.
 *
 * @param code the category's code, used when booking a pickup
 * @param nameEn English name
 * @param nameZh Chinese name
 * @param examplesEn typical items, in English
 * @param examplesZh typical items, in Chinese
 * @param pricePerKgCny what a recycler pays per kilogram, in CNY; the seeded values are example defaults
 * @param creditsPerKg credits a resident earns per kilogram handed over
 */
public record CategoryView(
        @Schema(example = "PAPER") String code,
        @Schema(example = "Paper") String nameEn,
        @Schema(example = "纸类") String nameZh,
        String examplesEn,
        String examplesZh,
        @Schema(example = "1.20", description = "What a recycler pays per kilogram, in CNY. The seeded prices are example "
                + "defaults, not published figures: the property company replaces them with its recyclers' prices.")
        BigDecimal pricePerKgCny,
        @Schema(example = "300", description = "Credits per kilogram: 0.3 kg CO2e reduced per kg of recycled goods "
                + "(Wuhan pilot) at 1 credit per gram of CO2e.")
        int creditsPerKg) {

    static CategoryView of(RecyclingCategory category) {
        return new CategoryView(category.code(), category.nameEn(), category.nameZh(), category.examplesEn(),
                category.examplesZh(), category.pricePerKgCny(), category.creditsPerKg());
    }
}
