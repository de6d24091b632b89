package org.communitycarbon.accounting.methodology;

import java.math.BigDecimal;

import org.communitycarbon.model.sensing.MeterType;

/**
 * The factors of one methodology.
 *
 * @param sortedPerishableWasteKgCo2ePerKg reduction per kg of correctly sorted perishable waste (Wuhan: 0.2)
 * @param greenTravelKgCo2ePerKm reduction per km by shared bike or e-bike (Wuhan: 0.15)
 * @param electricitySavingKgCo2ePerKwh reduction per kWh of monthly household electricity saved (Wuhan: 0.078)
 * @param recycledGoodsKgCo2ePerKg reduction per kg of old goods recycled (Wuhan: 0.3)
 * @param gridElectricityKgCo2PerKwh emission factor of purchased electricity (MEE/NBS 2023 national average: 0.5306)
 * @param naturalGasKgCo2PerM3 emission factor of natural gas combustion (2.1622)
 * @param tapWaterKgCo2ePerM3 emission factor of tap water (GB/T 51366-2019: 0.168, uncertain)
 */
public record Methodology(
        String title,
        String description,
        BigDecimal sortedPerishableWasteKgCo2ePerKg,
        BigDecimal greenTravelKgCo2ePerKm,
        BigDecimal electricitySavingKgCo2ePerKwh,
        BigDecimal recycledGoodsKgCo2ePerKg,
        BigDecimal gridElectricityKgCo2PerKwh,
        BigDecimal naturalGasKgCo2PerM3,
        BigDecimal tapWaterKgCo2ePerM3) {

    /**
     * The emission factor of what a meter measures, per unit of its register; for PV generation, the
     * emissions its output avoids at the grid factor.
     */
    public BigDecimal emissionFactor(MeterType type) {
        return switch (type) {
            case ELECTRICITY, PV_GENERATION -> gridElectricityKgCo2PerKwh;
            case GAS -> naturalGasKgCo2PerM3;
            case WATER -> tapWaterKgCo2ePerM3;
        };
    }
}
