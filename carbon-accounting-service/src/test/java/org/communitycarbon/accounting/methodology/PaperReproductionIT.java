package org.communitycarbon.accounting.methodology;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.communitycarbon.accounting.AccountingServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The paper's figures, reproduced exactly by the published factors of {@code wuhan-pilot} version 1, and the same
 * inputs under {@code mee-grid} version 3 beside them: the worked example of docs/accounting.md.
 */
@AccountingServiceTest
class PaperReproductionIT {

    @Autowired
    FactorCatalog catalog;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theWuhanPilotFactorsGiveThePapersFigures() {
        assertThat(apply("wuhan-pilot", 1, "SORTED_PERISHABLE_WASTE", "", "1")).isEqualByComparingTo("0.200");
        assertThat(apply("wuhan-pilot", 1, "GREEN_TRAVEL", "shared-bike", "1")).isEqualByComparingTo("0.150");
        assertThat(apply("wuhan-pilot", 1, "GREEN_TRAVEL", "e-bike", "1")).isEqualByComparingTo("0.150");
        // "10 kWh of monthly household electricity saved = 0.78 kg": 0.78 per 10 kWh, 0.078 kg per kWh
        assertThat(apply("wuhan-pilot", 1, "ELECTRICITY_SAVING", "", "10")).isEqualByComparingTo("0.780");
        assertThat(apply("wuhan-pilot", 1, "RECYCLED_GOODS", "", "1")).isEqualByComparingTo("0.300");
    }

    @Test
    void aHouseholdsMonthUnderTheWuhanPilotAndUnderTheMeeGridFactors() {
        // 15 kg of perishable waste sorted (0.5 kg a day), 40 km by shared bike, 30 kWh saved, 5 kg of goods recycled
        BigDecimal wuhan = apply("wuhan-pilot", 1, "SORTED_PERISHABLE_WASTE", "", "15")
                .add(apply("wuhan-pilot", 1, "GREEN_TRAVEL", "shared-bike", "40"))
                .add(apply("wuhan-pilot", 1, "ELECTRICITY_SAVING", "", "30"))
                .add(apply("wuhan-pilot", 1, "RECYCLED_GOODS", "", "5"));
        assertThat(wuhan).isEqualByComparingTo("12.840");

        BigDecimal meeNational = apply("mee-grid", 3, "SORTED_PERISHABLE_WASTE", "", "15")
                .add(apply("mee-grid", 3, "GREEN_TRAVEL", "shared-bike", "40"))
                .add(apply("mee-grid", 3, "ELECTRICITY_SAVING", "national", "30"))
                .add(apply("mee-grid", 3, "RECYCLED_GOODS", "", "5"));
        assertThat(meeNational).isEqualByComparingTo("26.418");
        // Wuhan is in the Central China grid: 0.5271 kg CO2 per kWh in 2023
        assertThat(apply("mee-grid", 3, "ELECTRICITY_SAVING", "central-china", "30")).isEqualByComparingTo("15.813");
    }

    private BigDecimal apply(String methodology, int version, String kind, String appliesTo, String activity) {
        Long id = jdbc.queryForObject("""
                SELECT f.id FROM methodology_factor f JOIN methodology_version v ON v.id = f.version_id
                WHERE v.methodology_id = ? AND v.version = ? AND f.kind = ? AND f.applies_to = ?""",
                Long.class, methodology, version, kind, appliesTo);
        return catalog.byId(id).orElseThrow().apply(new BigDecimal(activity));
    }
}
