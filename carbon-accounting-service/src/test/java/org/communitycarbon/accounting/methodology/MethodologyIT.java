package org.communitycarbon.accounting.methodology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.accounting.AccountingServiceTest;
import org.communitycarbon.accounting.Events;
import org.communitycarbon.accounting.consumption.ConsumptionRecorder;
import org.communitycarbon.accounting.reduction.ReductionRecorder;
import org.communitycarbon.model.registry.CommunityChanged;
import org.communitycarbon.model.registry.CommunityType;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.model.sensing.MeterType;
import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Methodologies as versioned data: the seed, drafts and publication, assignments, and figures that keep their factors. */
@AccountingServiceTest
class MethodologyIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReductionRecorder reductions;

    @Autowired
    ConsumptionRecorder consumption;

    @Autowired
    FactorCatalog catalog;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String community = "c-" + suffix;
    private final Instant at = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    @Test
    void seedsTheMeeGridFactorsByYearAndRegionInKilosOfCo2WithTheirSources() {
        assertThat(get("/api/accounting/methodologies/mee-grid/versions/3", TestTokens.merchant()))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.effectiveFrom", v -> v.assertThat().isEqualTo("2023-01-01"))
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("PUBLISHED"))
                .hasPathSatisfying("$.factors[?(@.kind=='GRID_ELECTRICITY' && @.appliesTo=='central-china')].value",
                        v -> v.assertThat().asArray().containsExactly(0.5271))
                .hasPathSatisfying("$.factors[?(@.kind=='GRID_ELECTRICITY' && @.appliesTo=='national')].gas",
                        v -> v.assertThat().asArray().containsExactly("CO2"))
                .hasPathSatisfying("$.factors[?(@.kind=='GRID_ELECTRICITY' && @.appliesTo=='national')].unit",
                        v -> v.assertThat().asArray().containsExactly("kg CO2 per kWh"))
                .hasPathSatisfying("$.factors[?(@.kind=='GRID_ELECTRICITY' && @.appliesTo=='national')].source.year",
                        v -> v.assertThat().asArray().containsExactly(2023))
                .hasPathSatisfying("$.factors[?(@.kind=='NATURAL_GAS')].gas", v -> v.assertThat().asArray().containsExactly("CO2"))
                .hasPathSatisfying("$.factors[?(@.kind=='TAP_WATER')].uncertain", v -> v.assertThat().asArray().containsExactly(true))
                .hasPathSatisfying("$.factors[?(@.kind=='GRID_ELECTRICITY_MARKET_BASED')].value",
                        v -> v.assertThat().asArray().containsExactly(0.6096));
        assertThat(get("/api/accounting/methodologies/mee-grid/versions/1", TestTokens.resident("x", "y")))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.effectiveUntil", v -> v.assertThat().isEqualTo("2022-01-01"))
                .hasPathSatisfying("$.factors[?(@.kind=='GRID_ELECTRICITY' && @.appliesTo=='southwest-china')].value",
                        v -> v.assertThat().asArray().containsExactly(0.2113))
                .hasPathSatisfying("$.factors[?(@.kind=='GRID_ELECTRICITY' && @.appliesTo=='southwest-china')].uncertain",
                        v -> v.assertThat().asArray().containsExactly(true));
        assertThat(get("/api/accounting/methodologies", TestTokens.merchant()))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$[?(@.id=='wuhan-pilot')].isDefault", v -> v.assertThat().asArray().containsExactly(true))
                .hasPathSatisfying("$[?(@.id=='shenzhen-public-transport')].versions[0].region",
                        v -> v.assertThat().asArray().containsExactly("CN-GD-Shenzhen"))
                .hasPathSatisfying("$[?(@.id=='mee-grid')].versions[*].version", v -> v.assertThat().asArray().contains(1, 2, 3));
    }

    @Test
    void reproducesTheWuhanPilotFactorsAsThePaperWordsThem() {
        assertThat(get("/api/accounting/methodologies/wuhan-pilot/versions/1", TestTokens.merchant()))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.factors[?(@.kind=='SORTED_PERISHABLE_WASTE')].value", v -> v.assertThat().asArray().containsExactly(0.2))
                .hasPathSatisfying("$.factors[?(@.kind=='GREEN_TRAVEL' && @.appliesTo=='shared-bike')].value",
                        v -> v.assertThat().asArray().containsExactly(0.15))
                .hasPathSatisfying("$.factors[?(@.kind=='ELECTRICITY_SAVING')].value", v -> v.assertThat().asArray().containsExactly(0.78))
                .hasPathSatisfying("$.factors[?(@.kind=='ELECTRICITY_SAVING')].perQuantity", v -> v.assertThat().asArray().containsExactly(10))
                .hasPathSatisfying("$.factors[?(@.kind=='ELECTRICITY_SAVING')].perOneUnit",
                        v -> v.assertThat().asArray().containsExactly(0.078))
                .hasPathSatisfying("$.factors[?(@.kind=='ELECTRICITY_SAVING')].unit",
                        v -> v.assertThat().asArray().containsExactly("kg CO2e per 10 kWh"))
                .hasPathSatisfying("$.factors[?(@.kind=='RECYCLED_GOODS')].value", v -> v.assertThat().asArray().containsExactly(0.3));
    }

    @Test
    void aPublishedVersionNeverChanges() {
        assertThat(put("/api/accounting/methodologies/wuhan-pilot/versions/1", draft("0.2", "0.5306", "2023-01-01")))
                .hasStatus(HttpStatus.CONFLICT);
        assertThat(post("/api/accounting/methodologies/wuhan-pilot/versions/1/publish", "")).hasStatus(HttpStatus.CONFLICT);
        // the service's own database role: no UPDATE or DELETE of factors or assignments at all; published versions refused by trigger
        refused("UPDATE methodology_factor SET value = 0.3 WHERE kind = 'SORTED_PERISHABLE_WASTE'", "permission denied");
        refused("DELETE FROM methodology_factor", "permission denied");
        refused("TRUNCATE methodology_factor", "permission denied");
        refused("UPDATE methodology_version SET effective_from = '2020-01-01' WHERE methodology_id = 'wuhan-pilot'",
                "is published and never changes");
        refused("DELETE FROM methodology_version WHERE methodology_id = 'wuhan-pilot'", "is published and never changes");
        refused("""
                INSERT INTO methodology_factor (version_id, kind, value, per_unit, gas, source_document, source_table)
                VALUES (1, 'RECYCLED_GOODS', 9, 'KG', 'CO2E', 'x', 'y')""", "is published");
        refused("UPDATE methodology_assignment SET reason = 'x'", "permission denied");
        refused("ALTER TABLE methodology_factor DISABLE TRIGGER methodology_factor_is_immutable", "must be owner");
    }

    @Test
    void publishingANewVersionPricesNewFiguresAndLeavesPastOnesUnchanged() {
        String methodology = "test-" + suffix;
        assertThat(post("/api/accounting/methodologies", """
                {"id":"%s","title":"Test","description":"A methodology of this test"}""".formatted(methodology)))
                .hasStatus(HttpStatus.CREATED);
        assertThat(post("/api/accounting/methodologies/" + methodology + "/versions", draft("0.2", "0.5", "2021-01-01")))
                .hasStatus(HttpStatus.CREATED).bodyJson().hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("DRAFT"));
        // nobody else sees a draft
        assertThat(get("/api/accounting/methodologies/" + methodology + "/versions/1", TestTokens.propertyManager(community)))
                .hasStatus(HttpStatus.NOT_FOUND);
        assertThat(post("/api/accounting/methodologies/" + methodology + "/versions/1/publish", "")).hasStatusOk();
        assertThat(post("/api/accounting/communities/" + community + "/methodology-assignments", """
                {"methodology":"%s","effectiveFrom":"2021-01-01T00:00:00Z","reason":"test"}""".formatted(methodology)))
                .hasStatus(HttpStatus.CREATED).bodyJson()
                .hasPathSatisfying("$.methodology", v -> v.assertThat().isEqualTo(methodology))
                .hasPathSatisfying("$.versionInForce", v -> v.assertThat().isEqualTo(1));

        reductions.recordDeposits(List.of(Events.deposit(community, "h1", at, WasteKind.PERISHABLE, "1", true)));
        consumption.record(List.of(Events.electricity(community, "h1", "em-1", at, "100"),
                Events.electricity(community, "h1", "em-1", at.plusSeconds(600), "101")));

        // version 2 from the same day: the factor changes from now on
        assertThat(post("/api/accounting/methodologies/" + methodology + "/versions", draft("0.5", "0.8", "2021-01-01")))
                .hasStatus(HttpStatus.CREATED);
        assertThat(post("/api/accounting/methodologies/" + methodology + "/versions/2/publish", "")).hasStatusOk();

        reductions.recordDeposits(List.of(Events.deposit(community, "h1", at.plusSeconds(120), WasteKind.PERISHABLE, "1", true)));
        consumption.record(List.of(Events.electricity(community, "h1", "em-1", at.plusSeconds(1200), "102")));

        assertThat(get("/api/accounting/communities/" + community + "/households/h1/reductions", TestTokens.admin()))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.reductions.items[*].reduction.value", v -> v.assertThat().asArray().containsExactly(0.5, 0.2))
                .hasPathSatisfying("$.reductions.items[*].methodologyVersion", v -> v.assertThat().asArray().containsExactly(2, 1))
                .hasPathSatisfying("$.total.value", v -> v.assertThat().isEqualTo(0.7));
        assertThat(get("/api/accounting/communities/" + community + "/households/h1/consumption?from=" + at.minusSeconds(1)
                + "&to=" + at.plusSeconds(1800), TestTokens.admin()))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.factorVersions", v -> v.assertThat().asArray().containsExactly(methodology + " v1", methodology + " v2"))
                // 1 kWh at version 1's 0.5 and 1 kWh at version 2's 0.8
                .hasPathSatisfying("$.totals[0].emissions.value", v -> v.assertThat().isEqualTo(1.3))
                .hasPathSatisfying("$.totals[0].emissions.unit", v -> v.assertThat().isEqualTo("KG_CO2"))
                .hasPathSatisfying("$.totals[0].pricedBy[*].version", v -> v.assertThat().asArray().containsExactlyInAnyOrder(1, 2));
        BigDecimal firstReduction = jdbc.queryForObject("SELECT reduction_kg_co2e FROM carbon_reduction WHERE community_id = ? "
                + "AND occurred_at = ?", BigDecimal.class, community, java.sql.Timestamp.from(at));
        assertThat(firstReduction).isEqualByComparingTo("0.2");
    }

    @Test
    void aCommunityKeepsItsAssignmentHistoryAndIsPricedForItsGridRegion() {
        kafka.send(RegistryTopics.COMMUNITIES, community, codec.encode(new CommunityChanged(CommunityChanged.eventIdOf(community, 1), 1,
                community, Instant.now(), 1, "Test", CommunityType.OLDER, "central-china", "Asia/Shanghai")));
        await().atMost(Duration.ofSeconds(20)).until(() -> catalog.regionOf(community).equals("central-china"));

        assertThat(catalog.emissionFactor(community, MeterType.ELECTRICITY, at)).get()
                .satisfies(f -> {
                    assertThat(f.value()).isEqualByComparingTo("0.5271");
                    assertThat(f.versionLabel()).isEqualTo("wuhan-pilot v1");
                });
        assertThat(post("/api/accounting/communities/" + community + "/methodology-assignments", """
                {"methodology":"mee-grid","effectiveFrom":"2022-06-01T00:00:00Z","reason":"grid factor of the year"}"""))
                .hasStatus(HttpStatus.CREATED);
        assertThat(post("/api/accounting/communities/" + community + "/methodology-assignments", """
                {"methodology":"wuhan-pilot","effectiveFrom":"2023-06-01T00:00:00Z","reason":"back to the paper"}"""))
                .hasStatus(HttpStatus.CREATED);
        assertThat(post("/api/accounting/communities/" + community + "/methodology-assignments", """
                {"methodology":"no-such","reason":"x"}""")).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$['invalid-params'][0].name", v -> v.assertThat().isEqualTo("methodology"));

        // mee-grid's 2022 version for a day of 2022, the central-china factor of that year
        assertThat(catalog.emissionFactor(community, MeterType.ELECTRICITY, Instant.parse("2022-12-01T00:00:00Z"))).get()
                .satisfies(f -> {
                    assertThat(f.value()).isEqualByComparingTo("0.5395");
                    assertThat(f.versionLabel()).isEqualTo("mee-grid v2");
                });
        assertThat(get("/api/accounting/communities/" + community + "/methodology", TestTokens.resident(community, "h1")))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.methodology", v -> v.assertThat().isEqualTo("wuhan-pilot"))
                .hasPathSatisfying("$.region", v -> v.assertThat().isEqualTo("central-china"))
                .hasPathSatisfying("$.history[*].methodology", v -> v.assertThat().asArray().containsExactly("mee-grid", "wuhan-pilot"));
    }

    @Test
    void refusesAGridFactorLabelledCo2eNamingTheField() {
        String body = draft("0.2", "0.5", "2024-01-01").replace("\"gas\":\"CO2\"", "\"gas\":\"CO2E\"");
        assertThat(post("/api/accounting/methodologies/wuhan-pilot/versions", body))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().hasPathSatisfying("$['invalid-params'][0].name", v -> v.assertThat().isEqualTo("factors[0].gas"));
    }

    private void refused(String sql, String reason) {
        assertThatThrownBy(() -> jdbc.execute(sql)).isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(((DataAccessException) e).getMostSpecificCause().getMessage()).contains(reason));
    }

    /** A version with a perishable-waste factor and the grid, gas and water factors every version needs. */
    private static String draft(String perishable, String grid, String from) {
        return """
                {"region":"CN","effectiveFrom":"%s","notes":"test","factors":[
                 {"kind":"GRID_ELECTRICITY","appliesTo":"national","value":%s,"gas":"CO2","source":{"document":"test","table":"t","year":2023}},
                 {"kind":"NATURAL_GAS","value":2.1622,"gas":"CO2","source":{"document":"test","table":"t"}},
                 {"kind":"TAP_WATER","value":0.168,"gas":"CO2E","uncertain":true,"source":{"document":"test","table":"t"}},
                 {"kind":"SORTED_PERISHABLE_WASTE","value":%s,"gas":"CO2E","source":{"document":"test","table":"t"}}]}"""
                .formatted(from, grid, perishable);
    }

    private MvcTestResult get(String uri, String token) {
        return mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token)).exchange();
    }

    private MvcTestResult post(String uri, String body) {
        return mvc.post().uri(uri).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin()))
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private MvcTestResult put(String uri, String body) {
        return mvc.put().uri(uri).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin()))
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }
}
