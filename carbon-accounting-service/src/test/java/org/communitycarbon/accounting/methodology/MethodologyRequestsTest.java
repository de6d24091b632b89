package org.communitycarbon.accounting.methodology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.communitycarbon.accounting.methodology.MethodologyRequests.FactorDraft;
import org.communitycarbon.accounting.methodology.MethodologyRequests.SourceDraft;
import org.communitycarbon.accounting.methodology.MethodologyRequests.VersionDraft;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Unit;
import org.junit.jupiter.api.Test;

class MethodologyRequestsTest {

    private static final SourceDraft SOURCE = new SourceDraft("MEE/NBS 2023 factors", "regional grid", 2023);

    private static FactorDraft grid(String value, Gas gas) {
        return new FactorDraft(FactorKind.GRID_ELECTRICITY, "central-china", new BigDecimal(value), null, null, gas, SOURCE, null);
    }

    private static VersionDraft version(List<FactorDraft> factors) {
        return new VersionDraft("CN", LocalDate.of(2024, 1, 1), null, null, factors);
    }

    @Test
    void aGridFactorCountsCarbonDioxideNotEquivalents() {
        assertThatThrownBy(() -> version(List.of(grid("0.5271", Gas.CO2E))).checked())
                .isInstanceOf(ContractViolation.class)
                .satisfies(e -> assertThat(((ContractViolation) e).field()).isEqualTo("factors[0].gas"))
                .hasMessageContaining("kg CO2, not CO2e");
    }

    @Test
    void fillsTheKindsUnitAndOnePerQuantity() {
        VersionDraft checked = version(List.of(grid("0.5271", Gas.CO2))).checked();

        FactorDraft factor = checked.factors().get(0);
        assertThat(factor.perUnit()).isEqualTo(Unit.KWH);
        assertThat(factor.perQuantity()).isEqualByComparingTo("1");
        assertThat(factor.uncertain()).isFalse();
        assertThat(checked.notes()).isEmpty();
    }

    @Test
    void refusesValuesThatDoNotFitTheColumn() {
        assertThatThrownBy(() -> version(List.of(grid("0.0000001", Gas.CO2))).checked())
                .isInstanceOf(ContractViolation.class)
                .satisfies(e -> assertThat(((ContractViolation) e).field()).isEqualTo("factors[0].value"));
        assertThatThrownBy(() -> version(List.of(grid("1e999999999", Gas.CO2))).checked())
                .isInstanceOf(ContractViolation.class)
                .satisfies(e -> assertThat(((ContractViolation) e).field()).isEqualTo("factors[0].value"));
    }

    @Test
    void refusesAFactorTwiceAndAnEmptyVersion() {
        assertThatThrownBy(() -> version(List.of(grid("0.5", Gas.CO2), grid("0.6", Gas.CO2))).checked())
                .satisfies(e -> assertThat(((ContractViolation) e).field()).isEqualTo("factors[1]"));
        assertThatThrownBy(() -> version(List.of()).checked())
                .satisfies(e -> assertThat(((ContractViolation) e).field()).isEqualTo("factors"));
    }

    @Test
    void refusesAnEndBeforeTheStartAndAPerUnitOtherThanTheKinds() {
        assertThatThrownBy(() -> new VersionDraft("CN", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 1), null,
                List.of(grid("0.5", Gas.CO2))).checked())
                .satisfies(e -> assertThat(((ContractViolation) e).field()).isEqualTo("effectiveUntil"));
        assertThatThrownBy(() -> version(List.of(new FactorDraft(FactorKind.GREEN_TRAVEL, "metro", new BigDecimal("0.0467"), null,
                Unit.KWH, Gas.CO2E, SOURCE, null))).checked())
                .satisfies(e -> assertThat(((ContractViolation) e).field()).isEqualTo("factors[0].perUnit"));
    }
}
