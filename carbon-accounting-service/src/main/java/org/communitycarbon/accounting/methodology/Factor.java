package org.communitycarbon.accounting.methodology;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import org.communitycarbon.model.Unit;
import org.jspecify.annotations.Nullable;

/**
 * One published factor: {@code value} kg of {@code gas} per {@code perQuantity} {@code perUnit} of activity (the
 * Wuhan pilot's 0.78 kg CO2e per 10 kWh is value 0.78 per quantity 10), of a version of a methodology.
 *
 * @param id what figures record to name the factor they used
 * @param appliesTo grid region, travel mode or goods category; empty for all
 */
public record Factor(long id, String methodologyId, int version, FactorKind kind, String appliesTo, BigDecimal value,
        BigDecimal perQuantity, Unit perUnit, Gas gas, Source source, boolean uncertain) {

    /** Where a factor comes from. */
    public record Source(String document, String table, @Nullable Integer year) {
    }

    /** The factor per one unit of activity: kg of {@link #gas()} per kWh, kg, km or m³. */
    public BigDecimal perOneUnit() {
        BigDecimal perOne = value.divide(perQuantity, MathContext.DECIMAL64).stripTrailingZeros();
        return perOne.scale() < 0 ? perOne.setScale(0) : perOne;
    }

    /** The kg of {@link #gas()} of an activity, to the gram. */
    public BigDecimal apply(BigDecimal activity) {
        return activity.multiply(value).divide(perQuantity, 3, RoundingMode.HALF_UP);
    }

    /** {@code wuhan-pilot v1}: how a figure names the version behind it. */
    public String versionLabel() {
        return methodologyId + " v" + version;
    }
}
