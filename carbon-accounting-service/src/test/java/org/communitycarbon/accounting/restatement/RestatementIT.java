package org.communitycarbon.accounting.restatement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.accounting.AccountingServiceTest;
import org.communitycarbon.accounting.Events;
import org.communitycarbon.accounting.consumption.ConsumptionRecorder;
import org.communitycarbon.accounting.methodology.Factor;
import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.accounting.methodology.FactorKind;
import org.communitycarbon.accounting.reduction.ReductionRecorder;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.accounting.AccountingTopics;
import org.communitycarbon.model.recycling.Settlement;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.model.sensing.WasteDeposited;
import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The paper's household month recorded under {@code wuhan-pilot} v1 and restated under {@code mee-grid}: the differences
 * are the hand calculation of docs/accounting.md, the same request is the same report, and nothing recorded changes —
 * no reduction, no {@code CarbonReductionRecorded}, so no credit.
 */
@AccountingServiceTest
class RestatementIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate NOVEMBER = LocalDate.of(2025, 11, 1);

    @Autowired
    ConsumptionRecorder readings;

    @Autowired
    ReductionRecorder reductions;

    @Autowired
    FactorCatalog catalog;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvcTester mvc;

    private final String community = "r-" + UUID.randomUUID().toString().substring(0, 8);
    private final String manager = TestTokens.bearer(TestTokens.propertyManager(community));

    @Test
    void restatesThePapersMonthUnderMeeGridWithoutChangingWhatWasRecorded() throws Exception {
        recordThePapersMonth();
        List<String> recorded = recordedReductions();
        assertThat(recorded).hasSize(33);
        // 30 deposits, a pickup and a saving published (the trip's row was stored without its event)
        try (var published = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(),
                AccountingTopics.CARBON_REDUCTIONS)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ofCommunity(published.drain(Duration.ofMillis(200))) == 32);

            MvcTestResult first = restate("mee-grid", 3);
            assertThat(first).hasStatus(HttpStatus.CREATED).headers().hasValue("Idempotent-Replayed", "false");
            assertThat(first).bodyJson()
                    .hasPathSatisfying("$.methodology", v -> v.assertThat().isEqualTo("mee-grid"))
                    .hasPathSatisfying("$.gridRegion", v -> v.assertThat().isEqualTo("national"))
                    .hasPathSatisfying("$.timeZone", v -> v.assertThat().isEqualTo("Asia/Shanghai"));
            // by hand: electricity 100 kWh x 0.5306 under both; waste 15 x 0.2, bike 40 x 0.15, recycled 5 x 0.3 under both;
            // 30 kWh saved: 30 x 0.78 / 10 = 2.340 recorded, 30 x 0.5306 = 15.918 restated (+13.578, +580.26 %)
            assertThat(lines(first)).containsExactly(
                    "2025-11 EMISSIONS HOUSEHOLD ELECTRICITY 100.000 KWH 53.060 KG_CO2 [wuhan-pilot v1] 53.060 KG_CO2 0.000 0.00",
                    "2025-11 REDUCTION - ELECTRICITY_SAVING 30.000 KWH 2.340 KG_CO2E [wuhan-pilot v1] 15.918 KG_CO2 13.578 580.26",
                    "2025-11 REDUCTION shared-bike GREEN_TRAVEL 40.000 KM 6.000 KG_CO2E [wuhan-pilot v1] 6.000 KG_CO2E 0.000 0.00",
                    "2025-11 REDUCTION - RECYCLED_GOODS 5.000 KG 1.500 KG_CO2E [wuhan-pilot v1] 1.500 KG_CO2E 0.000 0.00",
                    "2025-11 REDUCTION - SORTED_PERISHABLE_WASTE 15.000 KG 3.000 KG_CO2E [wuhan-pilot v1] 3.000 KG_CO2E 0.000 0.00");
            // the paper's total, 12.840 kg CO2e, is 26.418 under mee-grid v3
            assertThat(first).bodyJson()
                    .hasPathSatisfying("$.totals[1].kind", v -> v.assertThat().isEqualTo("REDUCTION"))
                    .hasPathSatisfying("$.totals[1].original.value", v -> v.assertThat().isEqualTo(12.84))
                    .hasPathSatisfying("$.totals[1].restated.value", v -> v.assertThat().isEqualTo(26.418))
                    .hasPathSatisfying("$.totals[1].difference.value", v -> v.assertThat().isEqualTo(13.578))
                    .hasPathSatisfying("$.totals[1].differencePercent", v -> v.assertThat().isEqualTo(105.75));

            // the same request is the same report, not computed again
            MvcTestResult again = restate("mee-grid", 3);
            assertThat(again).hasStatusOk().headers().hasValue("Idempotent-Replayed", "true");
            assertThat(lines(again)).isEqualTo(lines(first));
            assertThat(id(again)).isEqualTo(id(first));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM restatement WHERE community_id = ?", Integer.class, community))
                    .isEqualTo(1);

            // under the 2021 factors the month's electricity differs too: 100 x 0.5568 = 55.680 (+2.620, +4.94 %)
            MvcTestResult of2021 = restate("mee-grid", 1);
            assertThat(of2021).hasStatus(HttpStatus.CREATED);
            assertThat(lines(of2021)).contains(
                    "2025-11 EMISSIONS HOUSEHOLD ELECTRICITY 100.000 KWH 53.060 KG_CO2 [wuhan-pilot v1] 55.680 KG_CO2 2.620 4.94",
                    "2025-11 REDUCTION - ELECTRICITY_SAVING 30.000 KWH 2.340 KG_CO2E [wuhan-pilot v1] 16.704 KG_CO2 14.364 613.85");
            // a version without a behaviour's factor restates nothing for it, and says so
            assertThat(restate("shenzhen-public-transport", 1)).bodyJson()
                    .hasPathSatisfying("$.items[1].source", v -> v.assertThat().isEqualTo("ELECTRICITY_SAVING"))
                    .hasPathSatisfying("$.items[1].restated", v -> v.assertThat().isNull())
                    .hasPathSatisfying("$.totals[1].unrestated", v -> v.assertThat().isEqualTo(4));

            // nothing recorded changed, and no reduction was published again
            assertThat(recordedReductions()).isEqualTo(recorded);
            assertThat(ofCommunity(published.drain(Duration.ofSeconds(2)))).as("no new CarbonReductionRecorded").isEqualTo(32);
        }

        // read back: JSON, the list, and CSV one row per item
        String id = id(restate("mee-grid", 3));
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/restatements/{id}", community, id)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.streetOffice("east-lake", community))))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.items[1].difference.value", v -> v.assertThat().isEqualTo(13.578));
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/restatements", community).header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.length()", v -> v.assertThat().isEqualTo(3));
        MvcTestResult csv = mvc.get().uri("/api/accounting/communities/{c}/restatements/{id}", community, id)
                .header(HttpHeaders.AUTHORIZATION, manager).accept(MediaType.parseMediaType("text/csv")).exchange();
        assertThat(csv).hasStatusOk();
        String[] rows = csv.getResponse().getContentAsString().split("\r\n");
        assertThat(rows).hasSize(6);
        assertThat(rows[0]).startsWith("month,kind,scope,source,activity.value,activity.unit,count,original.value,original.unit,");
        assertThat(rows[2]).startsWith("2025-11,REDUCTION,,ELECTRICITY_SAVING,30.000,KWH,1,2.340,KG_CO2E,")
                .contains(",15.918,KG_CO2,").contains(",13.578,KG_CO2E,580.26");

        // refusals name the field; another community's manager and the community's residents are refused
        assertThat(post("{\"methodology\":\"mee-grid\",\"version\":9,\"from\":\"2025-11\",\"to\":\"2025-11\"}", manager))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("version"));
        assertThat(post("{\"methodology\":\"no-such\",\"version\":1,\"from\":\"2025-11\",\"to\":\"2025-11\"}", manager))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("methodology"));
        assertThat(post("{\"methodology\":\"mee-grid\",\"version\":3,\"from\":\"2025-11\",\"to\":\"2025-10\"}", manager))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("to"));
        assertThat(post("{\"methodology\":\"mee-grid\",\"version\":3,\"from\":\"2021-01\",\"to\":\"2025-11\"}", manager))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("to"));
        assertThat(post("{\"methodology\":\"mee-grid\",\"version\":3,\"from\":\"2025-13\",\"to\":\"2025-11\"}", manager))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("from"));
        assertThat(post("{\"methodology\":\"mee-grid\",\"version\":3,\"from\":\"2025-11\",\"to\":\"2025-11\"}",
                TestTokens.bearer(TestTokens.propertyManager("elsewhere")))).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(post("{\"methodology\":\"mee-grid\",\"version\":3,\"from\":\"2025-11\",\"to\":\"2025-11\"}",
                TestTokens.bearer(TestTokens.resident(community, "b01-0101")))).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/restatements/{id}", "elsewhere", id)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin()))).hasStatus(HttpStatus.NOT_FOUND);
    }

    /**
     * One household's November 2025 as the paper's worked example: 15 kg of perishable waste sorted (0.5 kg a day), 40 km by
     * shared bike, 30 kWh saved, 5 kg of goods recycled; and 100 kWh of electricity.
     */
    private void recordThePapersMonth() {
        String household = "b01-0101";
        List<MeterReadingReceived> meter = List.of(
                Events.electricity(community, household, "meter-" + community, at(NOVEMBER.minusDays(1)), "1000"),
                Events.electricity(community, household, "meter-" + community, at(NOVEMBER.plusDays(14)), "1100"));
        readings.record(meter);
        List<WasteDeposited> deposits = new ArrayList<>();
        for (int day = 0; day < 30; day++) {
            deposits.add(Events.deposit(community, household, at(NOVEMBER.plusDays(day)), WasteKind.PERISHABLE, "0.5", true));
        }
        reductions.recordDeposits(deposits);
        reductions.recordSettlements(List.of(Events.settlement(community, household, at(NOVEMBER.plusDays(9)), Settlement.CREDITS,
                "3", "2")));
        Instant rideEnded = at(NOVEMBER.plusDays(19));
        Instant monthEnd = NOVEMBER.plusMonths(1).atStartOfDay(SHANGHAI).toInstant();
        // 40 km by shared bike, as a partner's accepted trip is stored (travel/ records it; the restatement reads the row)
        Factor bike = catalog.behaviourFactor(community, FactorKind.GREEN_TRAVEL, "shared-bike", rideEnded).orElseThrow();
        jdbc.update("""
                INSERT INTO carbon_reduction (id, community_id, household_id, behaviour, activity_value, activity_unit,
                    reduction_kg_co2e, methodology, factor, factor_id, source_event_id, occurred_at)
                VALUES (?, ?, ?, 'GREEN_TRAVEL', 40, 'KM', ?, ?, ?, ?, ?, ?)""", UUID.randomUUID(), community, household,
                bike.apply(new BigDecimal("40")), bike.methodologyId(), bike.perOneUnit(), bike.id(), UUID.randomUUID(),
                java.sql.Timestamp.from(rideEnded));
        transactions.executeWithoutResult(status -> {
            reductions.recordSavings(List.of(new ReductionRecorder.Saving(UUID.randomUUID(), community, household, monthEnd,
                    new BigDecimal("30.000"), catalog.behaviourFactor(community, FactorKind.ELECTRICITY_SAVING, "", monthEnd)
                            .orElseThrow())));
        });
    }

    private MvcTestResult restate(String methodology, int version) {
        return post("{\"methodology\":\"" + methodology + "\",\"version\":" + version + ",\"from\":\"2025-11\",\"to\":\"2025-11\"}",
                manager);
    }

    private MvcTestResult post(String body, String token) {
        return mvc.post().uri("/api/accounting/communities/{c}/restatements", community).header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    /** Each item as one line: month, kind, scope, source, activity, original with its versions, restated, difference, %. */
    private static List<String> lines(MvcTestResult result) throws Exception {
        tools.jackson.databind.JsonNode report = new tools.jackson.databind.ObjectMapper()
                .readTree(result.getResponse().getContentAsString());
        List<String> lines = new ArrayList<>();
        for (tools.jackson.databind.JsonNode item : report.get("items")) {
            List<String> versions = new ArrayList<>();
            item.get("originalVersions").forEach(v -> versions.add(v.asString()));
            lines.add(String.join(" ", item.get("month").asString(), item.get("kind").asString(),
                    item.get("scope").asString().isEmpty() ? "-" : item.get("scope").asString(), item.get("source").asString(),
                    item.get("activity").get("value").decimalValue().setScale(3).toPlainString(),
                    item.get("activity").get("unit").asString(),
                    item.get("original").get("value").decimalValue().setScale(3).toPlainString(),
                    item.get("original").get("unit").asString(), versions.toString(),
                    item.get("restated").get("value").decimalValue().setScale(3).toPlainString(),
                    item.get("restated").get("unit").asString(),
                    item.get("difference").get("value").decimalValue().setScale(3).toPlainString(),
                    item.get("differencePercent").decimalValue().setScale(2).toPlainString()));
        }
        return lines;
    }

    private static String id(MvcTestResult result) throws Exception {
        return new tools.jackson.databind.ObjectMapper().readTree(result.getResponse().getContentAsString()).get("id").asString();
    }

    private List<String> recordedReductions() {
        return jdbc.queryForList("""
                SELECT id || ' ' || behaviour || ' ' || activity_value || ' ' || reduction_kg_co2e || ' ' || factor_id
                FROM carbon_reduction WHERE community_id = ? ORDER BY id""", String.class, community);
    }

    private long ofCommunity(List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> records) {
        return records.stream().filter(r -> KafkaTestConsumer.value(r).contains(community)).count();
    }

    /** Noon of a day, Shanghai time. */
    private static Instant at(LocalDate day) {
        return day.atTime(LocalTime.NOON).atZone(SHANGHAI).toInstant();
    }
}
