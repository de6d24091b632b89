package org.communitycarbon.accounting.reduction;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import org.communitycarbon.accounting.Events;
import org.communitycarbon.accounting.methodology.Factor;
import org.communitycarbon.accounting.methodology.FactorKind;
import org.communitycarbon.accounting.methodology.Gas;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.sensing.WasteKind;
import org.junit.jupiter.api.Test;

class ReductionRuleTest {

    private static final Instant AT = Instant.parse("2026-11-22T07:30:00Z");

    private final Factor wuhan = new Factor(1, "wuhan-pilot", 1, FactorKind.SORTED_PERISHABLE_WASTE, "", new BigDecimal("0.2"),
            BigDecimal.ONE, Unit.KG, Gas.CO2E, new Factor.Source("the paper", "Wuhan pilot", null), false);

    @Test
    void aKiloOfCorrectlySortedPerishableWasteReducesPointTwoKilos() {
        var outcome = ReductionRule.forDeposit(Events.deposit("c", "h", AT, WasteKind.PERISHABLE, "1", true), wuhan);

        assertThat(outcome).get().satisfies(o -> {
            assertThat(o.kgCo2e()).isEqualByComparingTo("0.200");
            assertThat(o.factor()).isSameAs(wuhan);
        });
    }

    @Test
    void scalesWithWeightToTheGram() {
        assertThat(ReductionRule.forDeposit(Events.deposit("c", "h", AT, WasteKind.PERISHABLE, "1.25", true), wuhan))
                .get().extracting(ReductionRule.Outcome::kgCo2e).isEqualTo(new BigDecimal("0.250"));
        assertThat(ReductionRule.forDeposit(Events.deposit("c", "h", AT, WasteKind.PERISHABLE, "0.333", true), wuhan))
                .get().extracting(ReductionRule.Outcome::kgCo2e).isEqualTo(new BigDecimal("0.067"));
    }

    @Test
    void aWronglySortedDropEarnsNothing() {
        assertThat(ReductionRule.forDeposit(Events.deposit("c", "h", AT, WasteKind.PERISHABLE, "2", false), wuhan)).isEmpty();
    }

    @Test
    void otherKindsOfWasteEarnNothingHere() {
        assertThat(ReductionRule.forDeposit(Events.deposit("c", "h", AT, WasteKind.RESIDUAL, "2", true), wuhan)).isEmpty();
        assertThat(ReductionRule.forDeposit(Events.deposit("c", "h", AT, WasteKind.RECYCLABLE, "2", true), wuhan)).isEmpty();
    }

    @Test
    void aDropTooLightToReduceAGramEarnsNothing() {
        assertThat(ReductionRule.forDeposit(Events.deposit("c", "h", AT, WasteKind.PERISHABLE, "0.002", true), wuhan)).isEmpty();
    }
}
