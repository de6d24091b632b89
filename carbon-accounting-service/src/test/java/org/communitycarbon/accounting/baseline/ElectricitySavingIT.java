package org.communitycarbon.accounting.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.accounting.AccountingServiceTest;
import org.communitycarbon.accounting.Events;
import org.communitycarbon.accounting.consumption.ConsumptionRecorder;
import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.accounting.AccountingTopics;
import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.communitycarbon.model.registry.CommunityChanged;
import org.communitycarbon.model.registry.CommunityType;
import org.communitycarbon.model.registry.PlaceChanged;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.model.sensing.MeterReadingReceived;
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

/**
 * Electricity saved against a household's baseline, settled once per household and local month (Asia/Shanghai), from
 * daily meter readings: the same month a year before, else the first three usable months, else the median per member of
 * the community type; flagged readings and thin months never save; the settlement records ELECTRICITY_SAVING at
 * wuhan-pilot v1's 0.78 kg CO2e per 10 kWh, once.
 */
@AccountingServiceTest
class ElectricitySavingIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final YearMonth NOVEMBER = YearMonth.of(2025, 11);

    @Autowired
    ConsumptionRecorder readings;

    @Autowired
    SavingsSettlement settlement;

    @Autowired
    FactorCatalog catalog;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvcTester mvc;

    private final String community = "e-" + UUID.randomUUID().toString().substring(0, 8);
    private final String manager = TestTokens.bearer(TestTokens.propertyManager(community));

    @Test
    void settlesEachHouseholdsMonthOnceAgainstItsBaselineAndRecordsTheSavings() throws Exception {
        places(place("b01-0101", "b01", 2), place("b01-0102", "b01", 3), place("b02-0101", "b02", 1), place("b02-0102", "b02", 2));
        List<MeterReadingReceived> batch = new ArrayList<>();
        // b01-0101: 10 kWh a day in November 2024, 8 in November 2025: 300 against 240
        Meter saver = new Meter("b01-0101", "1000");
        saver.daily(batch, YearMonth.of(2024, 11), 30, "10");
        saver.daily(batch, NOVEMBER, 30, "8");
        // b01-0102: no November 2024; June to August 2025 at 5, 6 and 7 kWh a day, September too thin, November at 5.5
        Meter newcomer = new Meter("b01-0102", "500");
        newcomer.daily(batch, YearMonth.of(2025, 6), 30, "5");
        newcomer.daily(batch, YearMonth.of(2025, 7), 31, "6");
        newcomer.daily(batch, YearMonth.of(2025, 8), 31, "7");
        newcomer.daily(batch, YearMonth.of(2025, 9), 20, "6");
        newcomer.daily(batch, NOVEMBER, 30, "5.5");
        // b02-0101: 10 kWh a day a year before; this November its meter was reset on the 16th — it looks like a saving
        Meter reset = new Meter("b02-0101", "2000");
        reset.daily(batch, YearMonth.of(2024, 11), 30, "10");
        reset.dailyWithReset(batch, NOVEMBER, 30, "9", 16);
        // b02-0102: 10 kWh a day a year before, this November readings on 20 days only
        Meter thin = new Meter("b02-0102", "3000");
        thin.daily(batch, YearMonth.of(2024, 11), 30, "10");
        thin.daily(batch, NOVEMBER, 20, "5");
        readings.record(batch);

        SavingsSettlement.Settled first = settlement.settle(community, NOVEMBER);
        SavingsSettlement.Settled again = settlement.settle(community, NOVEMBER);

        assertThat(first.households()).isEqualTo(4);
        assertThat(first.saved()).isEqualTo(2);
        assertThat(again.households()).as("a household-month is settled once").isZero();
        assertThat(jdbc.queryForList("""
                SELECT household_id || ' ' || outcome || ' ' || actual_kwh || ' ' || coalesce(baseline_kwh::text, '-') || ' '
                       || coalesce(baseline_source, '-') || ' ' || saving_kwh
                FROM electricity_settlement WHERE community_id = ? ORDER BY household_id""", String.class, community))
                .containsExactly(
                        "b01-0101 SAVED 240.000 300.000 SAME_MONTH_LAST_YEAR 60.000",
                        // the first three usable months: 5, 6 and 7 kWh a day, 180 for November's 30 days
                        "b01-0102 SAVED 165.000 180.000 FIRST_MONTHS 15.000",
                        "b02-0101 FLAGGED_READINGS 261.000 300.000 SAME_MONTH_LAST_YEAR 0.000",
                        "b02-0102 INSUFFICIENT_DATA 100.000 300.000 SAME_MONTH_LAST_YEAR 0.000");
        assertThat(jdbc.queryForList("""
                SELECT household_id || ' ' || activity_value || ' ' || reduction_kg_co2e FROM carbon_reduction
                WHERE community_id = ? AND behaviour = 'ELECTRICITY_SAVING' ORDER BY household_id""", String.class, community))
                .as("60 and 15 kWh at 0.78 kg CO2e per 10 kWh, once")
                .containsExactly("b01-0101 60.000000 4.680000", "b01-0102 15.000000 1.170000");
        try (var published = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(),
                AccountingTopics.CARBON_REDUCTIONS)) {
            published.await(r -> "b01-0102".equals(r.key()) && KafkaTestConsumer.value(r).contains(community), Duration.ofSeconds(20));
            List<CarbonReductionRecorded> events = published.drain(Duration.ofSeconds(1)).stream()
                    .filter(r -> KafkaTestConsumer.value(r).contains(community))
                    .map(r -> codec.decode(r.value(), CarbonReductionRecorded.class)).toList();
            assertThat(events).hasSize(2).allSatisfy(e -> {
                assertThat(e.behaviour()).isEqualTo(ReductionBehaviour.ELECTRICITY_SAVING);
                assertThat(e.methodology()).isEqualTo("wuhan-pilot");
                assertThat(e.methodologyVersion()).isEqualTo(1);
                // the end of November in Shanghai: the month's last local day
                assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-11-30T16:00:00Z"));
                assertThat(e.sourceEventId()).isEqualTo(SavingsSettlement.settlementId(community, e.householdId(), NOVEMBER));
            });
        }

        // the household, as settled
        assertThat(mvc.get().uri("/api/accounting/me/baseline?month=2025-11")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(community, "b01-0101"))))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.baseline.value", v -> v.assertThat().isEqualTo(300.0))
                .hasPathSatisfying("$.baselineSource", v -> v.assertThat().isEqualTo("SAME_MONTH_LAST_YEAR"))
                .hasPathSatisfying("$.actual.value", v -> v.assertThat().isEqualTo(240.0))
                .hasPathSatisfying("$.saving.value", v -> v.assertThat().isEqualTo(60.0))
                .hasPathSatisfying("$.daysWithReadings", v -> v.assertThat().isEqualTo(30))
                .hasPathSatisfying("$.settled", v -> v.assertThat().isEqualTo(true))
                .hasPathSatisfying("$.reduction.value", v -> v.assertThat().isEqualTo(4.68));
        // a building and the community as sums of the households with a baseline and enough data
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/buildings/b01/baseline?month=2025-11", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.streetOffice("east-lake", community))))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.households", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.baseline.value", v -> v.assertThat().isEqualTo(480.0))
                .hasPathSatisfying("$.actual.value", v -> v.assertThat().isEqualTo(405.0))
                .hasPathSatisfying("$.changePercent", v -> v.assertThat().isEqualTo(-15.6))
                .hasPathSatisfying("$.saving.value", v -> v.assertThat().isEqualTo(75.0))
                .hasPathSatisfying("$.reduction.value", v -> v.assertThat().isEqualTo(5.85));
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/baseline?month=2025-11", community)
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.households", v -> v.assertThat().isEqualTo(4))
                .hasPathSatisfying("$.householdsWithBaseline", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.actualAll.value", v -> v.assertThat().isEqualTo(766.0))
                .hasPathSatisfying("$.householdsSettled", v -> v.assertThat().isEqualTo(4))
                .hasPathSatisfying("$.householdsSaved", v -> v.assertThat().isEqualTo(2));
        // another household's resident and another community's manager are refused
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/households/b01-0101/baseline", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(community, "b01-0102"))))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/baseline", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager("elsewhere"))))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/baseline?month=2025-13", community)
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("month"));
    }

    @Test
    void withoutHistoryAHouseholdIsComparedWithTheMedianPerMemberOfItsCommunityType() throws Exception {
        kafka.send(RegistryTopics.COMMUNITIES, community, codec.encode(new CommunityChanged(CommunityChanged.eventIdOf(community, 1), 1,
                community, Instant.now(), 1, "Resettled", CommunityType.RESETTLEMENT, "central-china", "Asia/Shanghai"))).get();
        await().atMost(Duration.ofSeconds(20)).until(() -> catalog.typeOf(community).isPresent());
        List<PlaceChanged> places = new ArrayList<>();
        List<MeterReadingReceived> batch = new ArrayList<>();
        // five one-member households at 2 to 6 kWh a day, and a two-member one at 4: per member a day 2, 2, 3, 4, 5, 6
        for (int i = 2; i <= 6; i++) {
            places.add(place("b03-010" + i, "b03", 1));
            new Meter("b03-010" + i, "100").daily(batch, NOVEMBER, 30, String.valueOf(i));
        }
        places.add(place("b03-0201", "b03", 2));
        new Meter("b03-0201", "100").daily(batch, NOVEMBER, 30, "4");
        places(places.toArray(PlaceChanged[]::new));
        readings.record(batch);

        // before the settlement, the household sees what it would be
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/households/b03-0201/baseline?month=2025-11", community)
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.baselineSource", v -> v.assertThat().isEqualTo("COMMUNITY_TYPE_MEDIAN"))
                // the median 3.5 kWh per member a day x 2 members x 30 days
                .hasPathSatisfying("$.baseline.value", v -> v.assertThat().isEqualTo(210.0))
                .hasPathSatisfying("$.saving.value", v -> v.assertThat().isEqualTo(90.0))
                .hasPathSatisfying("$.outcome", v -> v.assertThat().isEqualTo("SAVED"))
                .hasPathSatisfying("$.settled", v -> v.assertThat().isEqualTo(false));

        settlement.settle(community, NOVEMBER);

        assertThat(jdbc.queryForObject("""
                SELECT activity_value || ' ' || reduction_kg_co2e FROM carbon_reduction
                WHERE community_id = ? AND household_id = 'b03-0201' AND behaviour = 'ELECTRICITY_SAVING'""", String.class, community))
                .isEqualTo("90.000000 7.020000");
    }

    @Test
    void aMonthIsDueOnceItEndedTwoDaysAgoInTheCommunitysTimeZone() {
        // November ends at 2025-11-30T16:00Z in Shanghai; two days later it is due
        assertThat(settlement.dueMonth(community, Instant.parse("2025-12-02T16:00:00Z"))).isEqualTo(YearMonth.of(2025, 10));
        assertThat(settlement.dueMonth(community, Instant.parse("2025-12-02T16:00:01Z"))).isEqualTo(NOVEMBER);
    }

    private void places(PlaceChanged... places) throws Exception {
        for (PlaceChanged place : places) {
            kafka.send(RegistryTopics.PLACES, RegistryTopics.placeKey(community, place.kind(), place.placeId()), codec.encode(place)).get();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("SELECT count(*) FROM place WHERE community_id = ?",
                Integer.class, community) == places.length);
    }

    private PlaceChanged place(String id, String building, int members) {
        return new PlaceChanged(PlaceChanged.eventIdOf(community, PlaceKind.HOUSEHOLD, id, 1), 1, community, Instant.now(), 1,
                PlaceKind.HOUSEHOLD, id, id, building, members, null);
    }

    /** A household's electricity meter read at noon, Shanghai time. */
    private final class Meter {

        private final String household;
        private BigDecimal register;

        Meter(String household, String register) {
            this.household = household;
            this.register = new BigDecimal(register);
        }

        /** A reading at noon of the month's day before (its base), then one a day on the month's first {@code days} days. */
        void daily(List<MeterReadingReceived> batch, YearMonth month, int days, String kwhPerDay) {
            batch.add(read(month.atDay(1).minusDays(1)));
            for (int day = 1; day <= days; day++) {
                register = register.add(new BigDecimal(kwhPerDay));
                batch.add(read(month.atDay(day)));
            }
        }

        /** As {@link #daily}, the register set back to 0 on {@code resetDay} (a replaced meter): the day's consumption is lost. */
        void dailyWithReset(List<MeterReadingReceived> batch, YearMonth month, int days, String kwhPerDay, int resetDay) {
            batch.add(read(month.atDay(1).minusDays(1)));
            for (int day = 1; day <= days; day++) {
                register = day == resetDay ? BigDecimal.ZERO : register.add(new BigDecimal(kwhPerDay));
                batch.add(read(month.atDay(day)));
            }
        }

        private MeterReadingReceived read(LocalDate day) {
            return Events.electricity(community, household, "em-" + household, day.atTime(12, 0).atZone(SHANGHAI).toInstant(),
                    register.toPlainString());
        }
    }
}
