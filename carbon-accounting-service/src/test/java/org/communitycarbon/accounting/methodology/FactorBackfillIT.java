package org.communitycarbon.accounting.methodology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.communitycarbon.accounting.AccountingServiceTest;
import org.communitycarbon.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Migration V3 on a schema holding figures from before it: each names the factor that was in force (the
 * configured methodologies' factors, which V3 seeds), so nothing recorded earlier changes its value.
 */
@AccountingServiceTest
class FactorBackfillIT {

    private final String schema = "accounting_backfill_" + UUID.randomUUID().toString().substring(0, 8);
    private final JdbcTemplate admin = new JdbcTemplate(TestDatabase.admin());

    @AfterEach
    void dropSchema() {
        admin.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    @Test
    void figuresRecordedBeforeVersionsNameTheFactorThatWasInForce() {
        migrate("2");
        admin.update("INSERT INTO " + schema + """
                .meter_reading (event_id, community_id, device_id, meter_type, household_id, observed_at, register, unit, quality, delta)
                VALUES (gen_random_uuid(), 'c', 'em-1', 'ELECTRICITY', 'h', '2026-01-01T00:00:00Z', 101.5, 'KWH', 'OK', 1.5),
                       (gen_random_uuid(), 'c', 'gm-1', 'GAS', 'h', '2026-01-01T00:00:00Z', 300.1, 'M3', 'OK', 0.1)""");
        admin.update("INSERT INTO " + schema + """
                .carbon_reduction (id, community_id, household_id, behaviour, activity_value, activity_unit, reduction_kg_co2e,
                                   methodology, factor, source_event_id, occurred_at)
                VALUES (gen_random_uuid(), 'c', 'h', 'SORTED_PERISHABLE_WASTE', 1.25, 'KG', 0.25, 'wuhan-pilot', 0.2,
                        gen_random_uuid(), '2026-01-01T00:00:00Z'),
                       (gen_random_uuid(), 'c', 'h', 'SORTED_PERISHABLE_WASTE', 1, 'KG', 0.2, 'mee-grid-2023', 0.2,
                        gen_random_uuid(), '2026-01-01T00:00:00Z')""");

        migrate("latest");

        assertThat(admin.queryForList("SELECT r.meter_type || ' ' || v.methodology_id || ' v' || v.version || ' ' || f.applies_to || ' '"
                + " || f.value || ' ' || f.gas FROM " + schema + ".meter_reading r JOIN " + schema + ".methodology_factor f"
                + " ON f.id = r.emission_factor_id JOIN " + schema + ".methodology_version v ON v.id = f.version_id ORDER BY 1",
                String.class))
                .containsExactly("ELECTRICITY wuhan-pilot v1 national 0.530600 CO2", "GAS wuhan-pilot v1  2.162200 CO2");
        assertThat(admin.queryForList("SELECT r.methodology || ' v' || v.version || ' ' || f.value FROM " + schema
                + ".carbon_reduction r JOIN " + schema + ".methodology_factor f ON f.id = r.factor_id JOIN " + schema
                + ".methodology_version v ON v.id = f.version_id ORDER BY 1", String.class))
                .containsExactly("mee-grid v3 0.200000", "wuhan-pilot v1 0.200000");
    }

    private void migrate(String target) {
        Flyway.configure().dataSource(TestDatabase.admin()).schemas(schema).defaultSchema(schema)
                .locations("classpath:db/migration/accounting").target(target).load().migrate();
    }
}
