package org.communitycarbon.accounting.reduction;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import org.communitycarbon.accounting.Events;
import org.communitycarbon.accounting.methodology.Methodology;
import org.communitycarbon.model.sensing.WasteKind;
import org.junit.jupiter.api.Test;

class ReductionRuleTest {

    private static final Instant AT = Instant.parse("2026-11-22T07:30:00Z");

    private final Methodology wuhan = new Methodology("Wuhan", "", new BigDecimal("0.2"), new BigDecimal("0.15"),
            new BigDecimal("0.078"), new BigDecimal("0.3"), new BigDecimal("0.5306"), new BigDecimal("2.1622"), new BigDecimal("0.168"));

    @Test
    void aKiloOfCorrectlySortedPerishableWasteReducesPointTwoKilos() {
        var outcome = ReductionRule.forDeposit(Events.deposit("c", "h", AT, WasteKind.PERISHABLE, "1", true), wuhan);

        assertThat(outcome).get().satisfies(o -> {
            assertThat(o.kgCo2e()).isEqualByComparingTo("0.200");
            assertThat(o.factor()).isEqualByComparingTo("0.2");
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
