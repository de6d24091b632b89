package org.communitycarbon.credits.ledger;

import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.model.accounting.ReductionBehaviour;

/** Test data: reductions as the accounting service records them. */
final class Reductions {

    private Reductions() {
    }

    static CarbonReductionRecorded sortedWaste(String community, String household, String kgWaste) {
        var waste = Quantity.of(kgWaste, Unit.KG);
        var co2e = Quantity.of(waste.value().multiply(new java.math.BigDecimal("0.2")), Unit.KG_CO2E);
        return new CarbonReductionRecorded(UUID.randomUUID(), 1, community, Instant.parse("2026-11-22T07:30:00Z"), household,
                ReductionBehaviour.SORTED_PERISHABLE_WASTE, waste, co2e, "wuhan-pilot", UUID.randomUUID());
    }
}
