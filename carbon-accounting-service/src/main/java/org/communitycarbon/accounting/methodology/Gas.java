package org.communitycarbon.accounting.methodology;

import org.communitycarbon.model.Unit;

/**
 * What a factor counts: carbon dioxide alone (the MEE/NBS grid factors and fuel combustion) or all greenhouse
 * gases as CO2 equivalent.
 */
public enum Gas {
    CO2(Unit.KG_CO2),
    CO2E(Unit.KG_CO2E);

    private final Unit unit;

    Gas(Unit unit) {
        this.unit = unit;
    }

    /** The unit of a mass of this gas. */
    public Unit unit() {
        return unit;
    }
}
