package org.communitycarbon.model.sensing;

import java.math.BigDecimal;

import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;
import org.jspecify.annotations.Nullable;

/**
 * The environment measurements, their unit and the range a working sensor reports. {@code attribute}
 * is the device API name (FIWARE AirQualityObserved / NoiseLevelObserved).
 */
public enum EnvironmentMeasure {
    TEMPERATURE("temperature", Unit.CELSIUS, "-60", "80", 2),
    RELATIVE_HUMIDITY("relativeHumidity", Unit.RATIO, "0", "1", 4),
    PM25("pm25", Unit.MICROGRAM_PER_M3, "0", "2000", 1),
    CO2("co2", Unit.PPM, "0", "40000", 1),
    NOISE_LEVEL("LAeq", Unit.DECIBEL_A, "0", "200", 1);

    private final String attribute;
    private final Unit unit;
    private final BigDecimal min;
    private final BigDecimal max;
    private final int scale;

    EnvironmentMeasure(String attribute, Unit unit, String min, String max, int scale) {
        this.attribute = attribute;
        this.unit = unit;
        this.min = new BigDecimal(min);
        this.max = new BigDecimal(max);
        this.scale = scale;
    }

    public String attribute() {
        return attribute;
    }

    public Unit unit() {
        return unit;
    }

    /**
     * Checks a bare value from a device, naming the device attribute when it is out of range, and rounds it to
     * the measure's resolution.
     */
    public @Nullable BigDecimal checkValue(@Nullable BigDecimal value, String field) {
        return value == null ? null : Require.decimal(value, field, min, max, scale);
    }

    /** Decimal places kept of a value. */
    public int scale() {
        return scale;
    }

    /** Checks a quantity on an event: unit and range. */
    public @Nullable Quantity check(@Nullable Quantity quantity, String field) {
        if (quantity != null) {
            Require.unit(quantity, field, unit);
            Require.between(quantity.value(), field + ".value", min, max);
        }
        return quantity;
    }

    public @Nullable Quantity quantity(@Nullable BigDecimal value) {
        return value == null ? null : new Quantity(value, unit);
    }
}
