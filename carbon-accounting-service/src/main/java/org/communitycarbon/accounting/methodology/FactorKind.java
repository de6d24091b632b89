package org.communitycarbon.accounting.methodology;

import org.communitycarbon.model.Unit;
import org.communitycarbon.model.sensing.MeterType;

/**
 * What a factor prices: the emissions of consumption (grid electricity, gas, water) or a behaviour's reduction.
 * A factor of a kind may be narrowed by {@code appliesTo}: the grid region of a grid factor, the mode of green
 * travel, the category of recycled goods.
 */
public enum FactorKind {
    /** Purchased electricity, location-based; also the emissions PV generation avoids. Per kWh, CO2. */
    GRID_ELECTRICITY(Unit.KWH, Gas.CO2),
    /** Purchased electricity, market-based (excluding market-traded non-fossil power). Per kWh, CO2. */
    GRID_ELECTRICITY_MARKET_BASED(Unit.KWH, Gas.CO2),
    /** Natural gas combustion. Per m³, CO2. */
    NATURAL_GAS(Unit.M3, Gas.CO2),
    /** Tap water supply. Per m³, CO2e. */
    TAP_WATER(Unit.M3, Gas.CO2E),
    /** Perishable waste correctly sorted. Per kg. */
    SORTED_PERISHABLE_WASTE(Unit.KG, null),
    /** Green travel, by mode. Per km. */
    GREEN_TRAVEL(Unit.KM, null),
    /** Household electricity saved against its baseline. Per kWh. */
    ELECTRICITY_SAVING(Unit.KWH, null),
    /** Recycled goods, by category. Per kg. */
    RECYCLED_GOODS(Unit.KG, null);

    private final Unit perUnit;
    private final Gas gas;

    FactorKind(Unit perUnit, Gas gas) {
        this.perUnit = perUnit;
        this.gas = gas;
    }

    /** The unit of activity a factor of this kind is stated per. */
    public Unit perUnit() {
        return perUnit;
    }

    /** The gas a factor of this kind must count, or null when its source decides (reductions are usually CO2e). */
    Gas requiredGas() {
        return gas;
    }

    /** The factor kind that prices what a meter measures. */
    public static FactorKind emissionsOf(MeterType type) {
        return switch (type) {
            case ELECTRICITY, PV_GENERATION -> GRID_ELECTRICITY;
            case GAS -> NATURAL_GAS;
            case WATER -> TAP_WATER;
        };
    }

    /** Whether a version must hold a factor of this kind (for {@code national} or for all) to be published. */
    boolean requiredForPublication() {
        return this == GRID_ELECTRICITY || this == NATURAL_GAS || this == TAP_WATER;
    }
}
