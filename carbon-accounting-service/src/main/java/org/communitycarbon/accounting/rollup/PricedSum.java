package org.communitycarbon.accounting.rollup;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.communitycarbon.accounting.methodology.Factor;
import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.jspecify.annotations.Nullable;

/**
 * Consumption of one meter type summed per the factor recorded with it, and priced as the consumption endpoints
 * price it: each factor's part × value ÷ per quantity to six places, the parts summed, shown to the gram. A part
 * stored without a factor (its version had none) is unpriced.
 */
public final class PricedSum {

    private final Map<Long, BigDecimal> parts = new LinkedHashMap<>();
    private long readings;
    private long flagged;

    public void add(@Nullable Long factorId, BigDecimal consumption, long readings, long flagged) {
        parts.merge(factorId == null ? 0L : factorId, consumption, BigDecimal::add);
        this.readings += readings;
        this.flagged += flagged;
    }

    public BigDecimal consumption() {
        return parts.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public long readings() {
        return readings;
    }

    public long flagged() {
        return flagged;
    }

    /** The consumption whose readings were stored without a factor. */
    public BigDecimal unpriced(FactorCatalog catalog) {
        return parts.entrySet().stream().filter(e -> factor(catalog, e.getKey()) == null).map(Map.Entry::getValue)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** kg of the factors' gas, to six places. */
    public BigDecimal emissions(FactorCatalog catalog) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<Long, BigDecimal> part : parts.entrySet()) {
            Factor factor = factor(catalog, part.getKey());
            if (factor != null) {
                sum = sum.add(part.getValue().multiply(factor.value()).divide(factor.perQuantity(), 6, RoundingMode.HALF_UP));
            }
        }
        return sum;
    }

    /** {@code KG_CO2} when every factor counts CO2 alone, else {@code KG_CO2E}. */
    public Unit gas(FactorCatalog catalog) {
        Set<Unit> gases = new HashSet<>();
        for (Long id : parts.keySet()) {
            Factor factor = factor(catalog, id);
            if (factor != null) {
                gases.add(factor.gas().unit());
            }
        }
        return gases.size() == 1 ? gases.iterator().next() : Unit.KG_CO2E;
    }

    public Quantity emissionsQuantity(FactorCatalog catalog) {
        return Quantity.of(emissions(catalog).setScale(3, RoundingMode.HALF_UP), gas(catalog));
    }

    /** The methodology versions behind the figure: {@code wuhan-pilot v1}. */
    public List<String> versions(FactorCatalog catalog) {
        Set<String> versions = new TreeSet<>();
        for (Long id : parts.keySet()) {
            Factor factor = factor(catalog, id);
            if (factor != null) {
                versions.add(factor.versionLabel());
            }
        }
        return List.copyOf(versions);
    }

    private static @Nullable Factor factor(FactorCatalog catalog, long id) {
        return id == 0L ? null : catalog.byId(id).orElse(null);
    }
}
