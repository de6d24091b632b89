package org.communitycarbon.credits.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.junit.jupiter.api.Test;

class CreditPolicyTest {

    private final CreditPolicy oneGramPerCredit = new CreditPolicy(BigDecimal.ONE);

    @Test
    void givesOneCreditPerGramOfCo2e() {
        assertThat(oneGramPerCredit.creditsFor(Quantity.of("0.25", Unit.KG_CO2E))).isEqualTo(250);
        assertThat(oneGramPerCredit.creditsFor(Quantity.of("0.78", Unit.KG_CO2E))).isEqualTo(780);
    }

    @Test
    void roundsHalfAGramUp() {
        assertThat(oneGramPerCredit.creditsFor(Quantity.of("0.0015", Unit.KG_CO2E))).isEqualTo(2);
        assertThat(oneGramPerCredit.creditsFor(Quantity.of("0.0014", Unit.KG_CO2E))).isEqualTo(1);
    }

    @Test
    void followsAConfiguredRate() {
        assertThat(new CreditPolicy(new BigDecimal("10")).creditsFor(Quantity.of("0.25", Unit.KG_CO2E))).isEqualTo(25);
    }

    @Test
    void refusesAQuantityThatIsNotCo2e() {
        assertThatThrownBy(() -> oneGramPerCredit.creditsFor(Quantity.of("1", Unit.KG))).isInstanceOf(IllegalArgumentException.class);
    }
}
