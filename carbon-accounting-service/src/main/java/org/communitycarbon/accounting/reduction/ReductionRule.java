package org.communitycarbon.accounting.reduction;

import java.math.BigDecimal;
import java.util.Optional;

import org.communitycarbon.accounting.methodology.Factor;
import org.communitycarbon.model.sensing.WasteDeposited;
import org.communitycarbon.model.sensing.WasteKind;

/**
 * Which deposits reduce emissions, and by how much: perishable waste put correctly into its bin, at the
 * factor of the community's methodology version per kg (Wuhan: 1 kg = 0.2 kg CO2e). Other kinds, and wrongly
 * sorted drops, earn none.
 */
final class ReductionRule {

    private ReductionRule() {
    }

    /** The factor applied, and the reduction in kg CO2e to the gram. */
    record Outcome(Factor factor, BigDecimal kgCo2e) {
    }

    /** Whether a deposit evidences a reduction at all, whatever the factor. */
    static boolean qualifies(WasteDeposited deposit) {
        return deposit.wasteKind() == WasteKind.PERISHABLE && deposit.correctlySorted();
    }

    static Optional<Outcome> forDeposit(WasteDeposited deposit, Factor factor) {
        if (!qualifies(deposit)) {
            return Optional.empty();
        }
        BigDecimal reduction = factor.apply(deposit.weight().value());
        return reduction.signum() > 0 ? Optional.of(new Outcome(factor, reduction)) : Optional.empty();
    }
}
