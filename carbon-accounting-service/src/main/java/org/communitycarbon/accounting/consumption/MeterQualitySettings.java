package org.communitycarbon.accounting.consumption;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

import org.communitycarbon.model.sensing.MeterType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The most a meter's register can rise in an hour, by meter type, for household meters and for common-area
 * meters (which serve a whole building or the public area). A rise beyond it is a glitch or a jump, never
 * consumption (see {@link RegisterSeries}).
 *
 * @param householdMaxPerHour e.g. 25 kWh per hour: a household's 100 A supply at 220 V is 22 kW
 * @param areaMaxPerHour e.g. 2,000 kWh per hour for a building's or the public area's supply
 */
@ConfigurationProperties("accounting.meter-quality")
public record MeterQualitySettings(
        @DefaultValue Map<MeterType, BigDecimal> householdMaxPerHour,
        @DefaultValue Map<MeterType, BigDecimal> areaMaxPerHour) {

    /** The defaults, for the meter types a deployment does not configure. */
    static final Map<MeterType, BigDecimal> HOUSEHOLD_DEFAULTS = Map.of(MeterType.ELECTRICITY, new BigDecimal("25"),
            MeterType.WATER, new BigDecimal("5"), MeterType.GAS, new BigDecimal("6"), MeterType.PV_GENERATION, new BigDecimal("50"));
    static final Map<MeterType, BigDecimal> AREA_DEFAULTS = Map.of(MeterType.ELECTRICITY, new BigDecimal("2000"),
            MeterType.WATER, new BigDecimal("100"), MeterType.GAS, new BigDecimal("100"), MeterType.PV_GENERATION, new BigDecimal("2000"));

    public MeterQualitySettings {
        householdMaxPerHour = complete(HOUSEHOLD_DEFAULTS, householdMaxPerHour, "household-max-per-hour");
        areaMaxPerHour = complete(AREA_DEFAULTS, areaMaxPerHour, "area-max-per-hour");
    }

    private static Map<MeterType, BigDecimal> complete(Map<MeterType, BigDecimal> defaults, Map<MeterType, BigDecimal> rates,
            String name) {
        Map<MeterType, BigDecimal> copy = new EnumMap<>(defaults);
        copy.putAll(rates);
        for (MeterType type : MeterType.values()) {
            BigDecimal rate = copy.get(type);
            if (rate == null || rate.signum() <= 0) {
                throw new IllegalArgumentException("accounting.meter-quality." + name + "." + type + " must be positive");
            }
        }
        return Map.copyOf(copy);
    }

    BigDecimal maxPerHour(MeterType type, boolean household) {
        return (household ? householdMaxPerHour : areaMaxPerHour).get(type);
    }
}
