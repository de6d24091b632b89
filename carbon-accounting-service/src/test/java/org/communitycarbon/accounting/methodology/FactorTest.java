package org.communitycarbon.accounting.methodology;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.communitycarbon.model.Unit;
import org.junit.jupiter.api.Test;

class FactorTest {

    private static Factor factor(String value, String perQuantity, Unit perUnit, Gas gas) {
        return new Factor(1, "wuhan-pilot", 1, FactorKind.ELECTRICITY_SAVING, "", new BigDecimal(value), new BigDecimal(perQuantity),
                perUnit, gas, new Factor.Source("the paper", "Wuhan pilot", null), false);
    }

    @Test
    void theWuhanElectricitySavingIsPointSevenEightKilosPerTenKilowattHours() {
        Factor perTen = factor("0.78", "10", Unit.KWH, Gas.CO2E);

        assertThat(perTen.perOneUnit()).isEqualByComparingTo("0.078");
        assertThat(perTen.apply(new BigDecimal("10"))).isEqualByComparingTo("0.780");
        assertThat(perTen.apply(new BigDecimal("125"))).isEqualTo(new BigDecimal("9.750"));
    }

    @Test
    void pricesToTheGram() {
        Factor grid = factor("0.5306", "1", Unit.KWH, Gas.CO2);

        assertThat(grid.apply(new BigDecimal("1.2"))).isEqualTo(new BigDecimal("0.637"));
        assertThat(grid.gas().unit()).isEqualTo(Unit.KG_CO2);
        assertThat(grid.versionLabel()).isEqualTo("wuhan-pilot v1");
    }
}
