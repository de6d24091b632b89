package org.communitycarbon.accounting.consumption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.accounting.AccountingServiceTest;
import org.communitycarbon.accounting.Events;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.model.sensing.MeterType;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@AccountingServiceTest
class ConsumptionIT {

    @Autowired
    ConsumptionRecorder recorder;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    private final String community = "c-" + UUID.randomUUID().toString().substring(0, 8);
    private final String household = "b01-0101";
    private final String meter = "em-" + UUID.randomUUID();
    private final Instant t0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);

    @Test
    void consumptionIsTheDifferenceOfSuccessiveRegisters() {
        recorder.record(List.of(reading(0, "100.0"), reading(10, "100.5"), reading(20, "101.5")));

        assertThat(deltas()).containsExactly(null, new BigDecimal("0.500000"), new BigDecimal("1.000000"));
        assertThat(qualities()).containsExactly("FIRST", "OK", "OK");
    }

    @Test
    void twoCommunitiesWithTheSameDeviceIdsKeepTheirSeriesApart() {
        String other = "c-" + UUID.randomUUID().toString().substring(0, 8);
        recorder.record(List.of(reading(0, "100.0"), Events.electricity(other, household, meter, t0.plus(5, ChronoUnit.MINUTES), "9000.0"),
                reading(10, "100.5"), Events.electricity(other, household, meter, t0.plus(15, ChronoUnit.MINUTES), "9001.0")));

        assertThat(deltas()).containsExactly(null, new BigDecimal("0.500000"));
        assertThat(jdbc.queryForList("SELECT delta FROM meter_reading WHERE community_id = ? AND device_id = ? ORDER BY observed_at",
                BigDecimal.class, other, meter)).containsExactly(null, new BigDecimal("1.000000"));
        assertThat(qualities()).containsExactly("FIRST", "OK");
    }

    @Test
    void aGlitchIsFlaggedAndConsumptionAroundItComesFromTrustedReadings() {
        recorder.record(List.of(reading(0, "1234.5")));
        recorder.record(List.of(reading(1, "12.3")));
        assertThat(qualities()).containsExactly("FIRST", "PENDING");

        recorder.record(List.of(reading(2, "1235.0")));

        assertThat(qualities()).containsExactly("FIRST", "GLITCH", "OK");
        assertThat(deltas()).containsExactly(null, null, new BigDecimal("0.500000"));
    }

    @Test
    void aLateReadingResolvesAPendingOne() {
        recorder.record(List.of(reading(0, "1234.5"), reading(1, "0.2")));
        recorder.record(List.of(reading(3, "0.9")));
        assertThat(qualities()).containsExactly("FIRST", "RESET", "OK");

        recorder.record(List.of(reading(2, "0.5")));

        assertThat(qualities()).containsExactly("FIRST", "RESET", "OK", "OK");
        assertThat(deltas()).containsExactly(null, null, new BigDecimal("0.300000"), new BigDecimal("0.400000"));
    }

    @Test
    void showsTheCommunitysDataQualityAndEachFlaggedReadingToItsPropertyTeam() {
        recorder.record(List.of(reading(0, "1234.5"), reading(1, "12.3"), reading(2, "1235.0")));
        String manager = TestTokens.bearer(TestTokens.propertyManager(community));

        assertThat(mvc.get().uri("/api/accounting/communities/{c}/data-quality", community).header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.readings", v -> v.assertThat().isEqualTo(3))
                .hasPathSatisfying("$.counted", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.flagged.GLITCH", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.devicesFlagged", v -> v.assertThat().isEqualTo(1));
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/devices/{d}/readings?quality=GLITCH", community, meter)
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$[0].register.value", v -> v.assertThat().isEqualTo(12.3));
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/data-quality/devices", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.streetOffice("s1", community))))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void aReadingDeliveredAgainChangesNothing() {
        recorder.record(List.of(reading(0, "100.0"), reading(10, "100.5")));

        int stored = recorder.record(List.of(reading(10, "100.5"), reading(10, "100.5")));

        assertThat(stored).isZero();
        assertThat(deltas()).containsExactly(null, new BigDecimal("0.500000"));
    }

    @Test
    void aLateReadingSplitsTheIntervalWithoutChangingTheTotal() {
        recorder.record(List.of(reading(0, "100.0")));
        recorder.record(List.of(reading(20, "102.0")));

        recorder.record(List.of(reading(10, "100.8")));

        assertThat(deltas()).containsExactly(null, new BigDecimal("0.800000"), new BigDecimal("1.200000"));
    }

    @Test
    void aRegisterThatGoesBackwardsIsAResetNotNegativeConsumption() {
        recorder.record(List.of(reading(0, "500.0"), reading(10, "501.0"), reading(20, "3.0"), reading(30, "4.5")));

        assertThat(deltas()).containsExactly(null, new BigDecimal("1.000000"), null, new BigDecimal("1.500000"));
        assertThat(qualities()).containsExactly("FIRST", "OK", "RESET", "OK");
    }

    @Test
    void readsMeterReadingsFromKafka() throws Exception {
        for (MeterReadingReceived reading : List.of(reading(0, "10"), reading(10, "12.25"), reading(10, "12.25"))) {
            kafka.send(SensingTopics.METER_READINGS, reading.deviceId(), codec.encode(reading)).get();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> deltas().size() == 2);
        assertThat(deltas()).containsExactly(null, new BigDecimal("2.250000"));
    }

    @Test
    void aResidentSeesTheirHouseholdsConsumptionAndEmissions() {
        recorder.record(List.of(reading(0, "100.0"), reading(10, "101.5"),
                Events.reading(community, household, "gm-" + meter, MeterType.GAS, t0, "300.000"),
                Events.reading(community, household, "gm-" + meter, MeterType.GAS, t0.plus(10, ChronoUnit.MINUTES), "300.100")));
        String resident = TestTokens.bearer(TestTokens.resident(community, household));

        assertThat(mvc.get().uri("/api/accounting/me/consumption").header(HttpHeaders.AUTHORIZATION, resident))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.methodology", v -> v.assertThat().isEqualTo("wuhan-pilot"))
                .hasPathSatisfying("$.totals[?(@.meterType=='ELECTRICITY')].consumption.value", v -> v.assertThat().asArray().containsExactly(1.5))
                .hasPathSatisfying("$.totals[?(@.meterType=='ELECTRICITY')].emissions.value", v -> v.assertThat().asArray().containsExactly(0.796))
                .hasPathSatisfying("$.totals[?(@.meterType=='GAS')].emissions.value", v -> v.assertThat().asArray().containsExactly(0.216))
                .hasPathSatisfying("$.emissions.value", v -> v.assertThat().isEqualTo(1.012))
                .hasPathSatisfying("$.meters[?(@.meterType=='ELECTRICITY')].register.value", v -> v.assertThat().asArray().containsExactly(101.5));
    }

    @Test
    void aResidentCannotReadAnotherHouseholdsConsumption() {
        String neighbour = TestTokens.bearer(TestTokens.resident(community, "b01-0102"));

        assertThat(mvc.get().uri("/api/accounting/communities/{c}/households/{h}/consumption", community, household)
                .header(HttpHeaders.AUTHORIZATION, neighbour)).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/consumption", community)
                .header(HttpHeaders.AUTHORIZATION, neighbour)).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/accounting/me/consumption")).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void theCommunityViewSeparatesHouseholdsFromCommonAreas() {
        recorder.record(List.of(reading(0, "100.0"), reading(5, "102.0"),
                Events.areaElectricity(community, "plaza", "em-plaza-" + meter, t0, "5000"),
                Events.areaElectricity(community, "plaza", "em-plaza-" + meter, t0.plus(5, ChronoUnit.MINUTES), "5010")));

        for (String token : List.of(TestTokens.propertyManager(community), TestTokens.streetOffice("s1", community))) {
            assertThat(mvc.get().uri("/api/accounting/communities/{c}/consumption", community)
                    .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token)))
                    .hasStatusOk()
                    .bodyJson()
                    .hasPathSatisfying("$.householdsReporting", v -> v.assertThat().isEqualTo(1))
                    .hasPathSatisfying("$.households[0].consumption.value", v -> v.assertThat().isEqualTo(2.0))
                    .hasPathSatisfying("$.commonAreas[0].consumption.value", v -> v.assertThat().isEqualTo(10.0));
        }
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/consumption", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager("elsewhere"))))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void namesAPeriodThatEndsBeforeItStarts() {
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/consumption?from=2026-11-22T10:00:00Z&to=2026-11-22T09:00:00Z", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community))))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("from"));
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/consumption?from=yesterday", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community))))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("from"));
    }

    private MeterReadingReceived reading(int minute, String kwh) {
        return Events.electricity(community, household, meter, t0.plus(minute, ChronoUnit.MINUTES), kwh);
    }

    private List<BigDecimal> deltas() {
        return jdbc.queryForList("SELECT delta FROM meter_reading WHERE community_id = ? AND device_id = ? ORDER BY observed_at",
                BigDecimal.class, community, meter);
    }

    private List<String> qualities() {
        return jdbc.queryForList("SELECT quality FROM meter_reading WHERE community_id = ? AND device_id = ? ORDER BY observed_at",
                String.class, community, meter);
    }
}
