package org.communitycarbon.model.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;
import org.junit.jupiter.api.Test;

/** The community's reserved account is one no household can have and no published reduction can name. */
class CarbonReductionRecordedTest {

    @Test
    void theCommunitysAccountIsNoIdentifierSoNoHouseholdIsNamedSo() {
        assertThat(CarbonReductionRecorded.COMMUNITY_ACCOUNT).isEqualTo("~community");
        assertThat(Require.isIdentifier(CarbonReductionRecorded.COMMUNITY_ACCOUNT)).isFalse();
    }

    @Test
    void aReductionOfTheCommunitysAccountIsNeverPublished() {
        assertThatCode(() -> reductionOf("b01-0101").validate()).doesNotThrowAnyException();
        assertThatThrownBy(() -> reductionOf(CarbonReductionRecorded.COMMUNITY_ACCOUNT).validate())
                .isInstanceOfSatisfying(ContractViolation.class, e -> assertThat(e.field()).isEqualTo("householdId"));
    }

    private static CarbonReductionRecorded reductionOf(String householdId) {
        return new CarbonReductionRecorded(UUID.randomUUID(), CarbonReductionRecorded.SCHEMA_VERSION, "maple-court",
                Instant.parse("2025-03-14T01:00:00Z"), householdId, ReductionBehaviour.SORTED_PERISHABLE_WASTE,
                Quantity.of("1.25", Unit.KG), Quantity.of("0.25", Unit.KG_CO2E), "wuhan-pilot", UUID.randomUUID());
    }
}
