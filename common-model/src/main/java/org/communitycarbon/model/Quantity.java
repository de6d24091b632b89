package org.communitycarbon.model;

import java.math.BigDecimal;

/**
 * A number with its unit, e.g. {@code {"value": 1.25, "unit": "KG"}}. Exact decimal, never a double.
 */
public record Quantity(BigDecimal value, Unit unit) {

    public Quantity {
        Require.present(value, "value");
        Require.present(unit, "unit");
    }

    public static Quantity of(BigDecimal value, Unit unit) {
        return new Quantity(value, unit);
    }

    public static Quantity of(String value, Unit unit) {
        return new Quantity(new BigDecimal(value), unit);
    }

    @Override
    public String toString() {
        return value.toPlainString() + " " + unit.symbol();
    }
}
