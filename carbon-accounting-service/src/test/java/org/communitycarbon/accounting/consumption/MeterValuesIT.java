package org.communitycarbon.accounting.consumption;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.accounting.AccountingServiceTest;
import org.communitycarbon.accounting.Events;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.model.sensing.MeterType;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@AccountingServiceTest
class MeterValuesIT {

    @Autowired
    ConsumptionRecorder recorder;

    @Autowired
    MockMvcTester mvc;

    private final String community = "c-" + UUID.randomUUID().toString().substring(0, 8);
    private final String meter = "em-" + UUID.randomUUID().toString().substring(0, 8);
    // An hour boundary two hours back, so that buckets are predictable.
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
    private final String manager = TestTokens.bearer(TestTokens.propertyManager(community));

    @Test
    void theLatestReadingIsTheNewestByTheMetersClockEvenWhenAnOlderOneArrivesLast() {
        recorder.record(List.of(reading(0, "100.0"), reading(20, "102.0")));
        recorder.record(List.of(reading(10, "101.0"))); // back-filled: arrives last, observed in between

        assertThat(mvc.get().uri("/api/accounting/communities/{c}/devices/{d}/latest", community, meter)
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.observedAt", v -> v.assertThat().isEqualTo(t0.plus(20, ChronoUnit.MINUTES).toString()))
                .hasPathSatisfying("$.register.value", v -> v.assertThat().asNumber().isEqualTo(102.0))
                .hasPathSatisfying("$.delta.value", v -> v.assertThat().asNumber().isEqualTo(1.0));
    }

    @Test
    void aHouseholdsResidentSeesTheLatestOfEachOfItsMetersAndNoOneElses() {
        String water = "wm-" + UUID.randomUUID().toString().substring(0, 8);
        recorder.record(List.of(reading(0, "100.0"), reading(10, "100.4"),
                Events.reading(community, "b01-0101", water, MeterType.WATER, t0.plus(5, ChronoUnit.MINUTES), "88.125"),
                Events.electricity(community, "b01-0102", "em-neighbour", t0.plus(30, ChronoUnit.MINUTES), "5.0")));

        assertThat(mvc.get().uri("/api/accounting/me/latest")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(community, "b01-0101"))))
                .hasStatusOk().bodyJson()
                .extractingPath("$[*].deviceId").asArray().containsExactlyInAnyOrder(meter, water);
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/households/{h}/latest", community, "b01-0102")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(community, "b01-0101"))))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/devices/{d}/latest", community, meter)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.streetOffice("east-lake", community))))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void anAreasMetersHaveTheirLatestToo() {
        recorder.record(List.of(Events.areaElectricity(community, "plaza", "em-plaza", t0, "500.0"),
                Events.areaElectricity(community, "plaza", "em-plaza", t0.plus(1, ChronoUnit.MINUTES), "500.2")));

        assertThat(mvc.get().uri("/api/accounting/communities/{c}/areas/{a}/latest", community, "plaza")
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$[0].register.value", v -> v.assertThat().asNumber().isEqualTo(500.2));
    }

    @Test
    void historyComesRawOrInFiveMinuteAndHourlyBuckets() {
        // A reading each minute for 70 minutes, 0.1 kWh a minute.
        List<MeterReadingReceived> readings = new ArrayList<>();
        for (int minute = 0; minute <= 70; minute++) {
            readings.add(reading(minute, new BigDecimal("100.0").add(new BigDecimal("0.1").multiply(
                    BigDecimal.valueOf(minute))).toPlainString()));
        }
        recorder.record(readings);
        String period = "from=" + t0.minusSeconds(1) + "&to=" + t0.plus(70, ChronoUnit.MINUTES);

        assertThat(mvc.get().uri("/api/accounting/communities/{c}/devices/{d}/history?" + period, community, meter)
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson().extractingPath("$.points").asArray().hasSize(71);
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/devices/{d}/history?resolution=FIVE_MINUTES&" + period, community, meter)
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.points.length()", v -> v.assertThat().isEqualTo(15))
                .hasPathSatisfying("$.points[1].at", v -> v.assertThat().isEqualTo(t0.plus(5, ChronoUnit.MINUTES).toString()))
                .hasPathSatisfying("$.points[1].readings", v -> v.assertThat().isEqualTo(5))
                .hasPathSatisfying("$.points[1].consumption.value", v -> v.assertThat().asNumber().isEqualTo(0.5))
                .hasPathSatisfying("$.points[1].register.value", v -> v.assertThat().asNumber().isEqualTo(100.9));
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/devices/{d}/history?resolution=HOURLY&" + period, community, meter)
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.points.length()", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.points[0].consumption.value", v -> v.assertThat().asNumber().isEqualTo(5.9))
                .hasPathSatisfying("$.points[1].readings", v -> v.assertThat().isEqualTo(11));
    }

    @Test
    void aHistoryTooLongForItsResolutionIsRefusedNamingTheField() {
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/devices/{d}/history?resolution=FIVE_MINUTES&from={f}&to={t}",
                community, meter, t0.minus(60, ChronoUnit.DAYS), t0).header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.detail", v -> v.assertThat().asString().startsWith("from: at most 10000 points of FIVE_MINUTES"));
    }

    private MeterReadingReceived reading(int minute, String kwh) {
        return Events.electricity(community, "b01-0101", meter, t0.plus(minute, ChronoUnit.MINUTES), kwh);
    }
}
