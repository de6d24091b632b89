package org.communitycarbon.accounting.reduction;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

import org.communitycarbon.accounting.methodology.Methodology;
import org.communitycarbon.model.sensing.WasteDeposited;
import org.communitycarbon.model.sensing.WasteKind;

/**
 * Which deposits reduce emissions, and by how much: perishable waste put correctly into its bin, at the
 * methodology's factor per kg (Wuhan: 1 kg = 0.2 kg CO2e). Other kinds, and wrongly sorted drops, earn none.
 */
final class ReductionRule {

    private ReductionRule() {
    }

    /** The factor applied, and the reduction in kg CO2e to the gram. */
    record Outcome(BigDecimal factor, BigDecimal kgCo2e) {
    }

    static Optional<Outcome> forDeposit(WasteDeposited deposit, Methodology methodology) {
        if (deposit.wasteKind() != WasteKind.PERISHABLE || !deposit.correctlySorted()) {
            return Optional.empty();
        }
        BigDecimal factor = methodology.sortedPerishableWasteKgCo2ePerKg();
        BigDecimal reduction = deposit.weight().value().multiply(factor).setScale(3, RoundingMode.HALF_UP);
        return reduction.signum() > 0 ? Optional.of(new Outcome(factor, reduction)) : Optional.empty();
    }
}
