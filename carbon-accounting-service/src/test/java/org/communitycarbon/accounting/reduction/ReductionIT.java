package org.communitycarbon.accounting.reduction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.communitycarbon.accounting.AccountingServiceTest;
import org.communitycarbon.accounting.Events;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.accounting.AccountingTopics;
import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.model.sensing.WasteDeposited;
import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@AccountingServiceTest
class ReductionIT {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReductionRecorder recorder;

    @Autowired
    MockMvcTester mvc;

    private final String community = "c-" + UUID.randomUUID().toString().substring(0, 8);
    private final String household = "b03-0502";
    private final Instant at = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

    @Test
    void recordsTheWuhanReductionOfASortedDepositOnceAndPublishesIt() throws Exception {
        WasteDeposited deposit = Events.deposit(community, household, at, WasteKind.PERISHABLE, "1.25", true);
        for (int delivery = 0; delivery < 3; delivery++) {
            kafka.send(SensingTopics.WASTE_DEPOSITS, deposit.deviceId(), codec.encode(deposit)).get();
        }

        try (var published = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(),
                AccountingTopics.CARBON_REDUCTIONS)) {
            published.await(r -> household.equals(r.key()) && KafkaTestConsumer.value(r).contains(community), Duration.ofSeconds(20));
            List<CarbonReductionRecorded> events = published.drain(Duration.ofSeconds(1)).stream()
                    .filter(r -> KafkaTestConsumer.value(r).contains(community))
                    .map(r -> codec.decode(r.value(), CarbonReductionRecorded.class)).toList();
            assertThat(events).hasSize(1);
            CarbonReductionRecorded reduction = events.get(0);
            assertThat(reduction.reduction().value()).isEqualByComparingTo("0.25");
            assertThat(reduction.behaviour()).isEqualTo(ReductionBehaviour.SORTED_PERISHABLE_WASTE);
            assertThat(reduction.methodology()).isEqualTo("wuhan-pilot");
            assertThat(reduction.methodologyVersion()).isEqualTo(1);
            assertThat(jdbc.queryForObject("""
                    SELECT v.methodology_id || ' v' || v.version FROM carbon_reduction r JOIN methodology_factor f ON f.id = r.factor_id
                    JOIN methodology_version v ON v.id = f.version_id WHERE r.community_id = ?""", String.class, community))
                    .as("the reduction names the factor version it used").isEqualTo("wuhan-pilot v1");
            assertThat(reduction.sourceEventId()).isEqualTo(deposit.eventId());
            assertThat(reduction.householdId()).isEqualTo(household);
        }
        assertThat(count("SELECT count(*) FROM carbon_reduction WHERE community_id = ?")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM waste_deposit WHERE community_id = ?")).isEqualTo(1);
    }

    @Test
    void keepsEveryDepositButCreditsOnlyCorrectlySortedPerishableWaste() {
        List<CarbonReductionRecorded> recorded = recorder.recordDeposits(List.of(
                Events.deposit(community, household, at, WasteKind.PERISHABLE, "1", false),
                Events.deposit(community, household, at.plusSeconds(1), WasteKind.RESIDUAL, "2", true),
                Events.deposit(community, household, at.plusSeconds(2), WasteKind.PERISHABLE, "0.5", true)));

        assertThat(recorded).extracting(r -> r.reduction().value()).containsExactly(new java.math.BigDecimal("0.100"));
        assertThat(count("SELECT count(*) FROM waste_deposit WHERE community_id = ?")).isEqualTo(3);
    }

    @Test
    void aDuplicateWithinOneBatchIsCreditedOnce() {
        WasteDeposited deposit = Events.deposit(community, household, at, WasteKind.PERISHABLE, "2", true);

        assertThat(recorder.recordDeposits(List.of(deposit, deposit))).hasSize(1);
        assertThat(recorder.recordDeposits(List.of(deposit))).isEmpty();
    }

    @Test
    void aResidentSeesTheirReductionsAndTheirTotal() {
        recorder.recordDeposits(List.of(Events.deposit(community, household, at, WasteKind.PERISHABLE, "1.25", true),
                Events.deposit(community, household, at.plusSeconds(60), WasteKind.PERISHABLE, "0.75", true)));

        assertThat(mvc.get().uri("/api/accounting/me/reductions")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(community, household))))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.total.value", v -> v.assertThat().isEqualTo(0.4))
                .hasPathSatisfying("$.reductions.totalItems", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.reductions.items[0].factor", v -> v.assertThat().isEqualTo(0.2));
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/households/{h}/reductions", community, household)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(community, "b03-0503"))))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void exportsTheCommunitysReductionsWithTheFactorVersionThatPricedThemForItsPropertyManager() throws Exception {
        WasteDeposited deposit = Events.deposit(community, household, at, WasteKind.PERISHABLE, "1.25", true);
        recorder.recordDeposits(List.of(deposit));
        String uri = "/api/accounting/communities/" + community + "/reductions/export?from=" + at.minusSeconds(60);

        var result = mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community)))
                .exchange();
        assertThat(result).hasStatusOk();
        assertThat(result.getResponse().getContentType()).startsWith("text/csv");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(result.getResponse().getContentAsString())).getRecords();
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("household_id")).isEqualTo(household);
            assertThat(row.get("behaviour")).isEqualTo("SORTED_PERISHABLE_WASTE");
            assertThat(row.get("activity")).isEqualTo("1.25");
            assertThat(row.get("activity_unit")).isEqualTo("KG");
            assertThat(row.get("reduction_kg_co2e")).isEqualTo("0.250");
            assertThat(row.get("methodology")).isEqualTo("wuhan-pilot");
            assertThat(row.get("methodology_version")).isEqualTo("1");
            assertThat(row.get("factor_value")).isEqualTo("0.2");
            assertThat(row.get("factor_gas")).isEqualTo("CO2E");
            assertThat(row.get("evidence_event_id")).isEqualTo(deposit.eventId().toString());
        });
        assertThat(mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.staff(community))))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    private int count(String sql) {
        Integer count = jdbc.queryForObject(sql, Integer.class, community);
        return count == null ? 0 : count;
    }
}
