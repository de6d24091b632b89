package org.communitycarbon.accounting.consumption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.accounting.AccountingServiceTest;
import org.communitycarbon.accounting.Events;
import org.communitycarbon.model.registry.PlaceChanged;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * A building's master meter against the sum of its households' and common areas' meters, hand-counted: the master
 * measures 100 kWh in a day, two households 60 and 30 and the stairwell's lights 6.5 — 96.5 kWh, 3.5 % less. The
 * master's own readings never count in the community's totals, also those stored before it was designated. The registry
 * designates it, marking the area its meter serves as its building's supply ({@code PlaceChanged.buildingSupply}).
 */
@AccountingServiceTest
class MeteredAccuracyIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    ConsumptionRecorder readings;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    private final String community = "acc-" + UUID.randomUUID().toString().substring(0, 8);
    private final LocalDate day = LocalDate.now(SHANGHAI).minusDays(3);
    private final Instant start = day.atStartOfDay(SHANGHAI).toInstant();
    private final Instant end = day.plusDays(1).atStartOfDay(SHANGHAI).toInstant();

    @Test
    void aMasterMeterMeasures100KwhWhereTheBuildingsMetersSum96Point5_3Point5PerCent() throws Exception {
        places();
        readings.record(List.of(
                Events.electricity(community, "b01-0101", "em-0101", start, "1000"),
                Events.electricity(community, "b01-0101", "em-0101", end, "1060"),
                Events.electricity(community, "b01-0102", "em-0102", start, "500"),
                Events.electricity(community, "b01-0102", "em-0102", end, "530"),
                Events.areaElectricity(community, "b01-stairs", "em-stairs", start, "20"),
                Events.areaElectricity(community, "b01-stairs", "em-stairs", end, "26.5"),
                Events.areaElectricity(community, "b01-supply", "em-supply", start, "7000"),
                Events.areaElectricity(community, "b01-supply", "em-supply", end, "7100")));
        String manager = TestTokens.bearer(TestTokens.propertyManager(community));
        assertThat(commonAreas(manager)).as("before it is designated, the master meter reads as a common area").isEqualTo(106.5);

        // the registry marks b01-supply as its building's supply: its meter becomes the building's master meter
        place(PlaceKind.COMMON_AREA, "b01-supply", "b01", true, 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> masterMeters(manager).contains("\"areaId\":\"b01-supply\""));
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/master-meters", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.staff(community))))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$[0].buildingId", v -> v.assertThat().isEqualTo("b01"))
                .hasPathSatisfying("$[0].designatedBy", v -> v.assertThat().isEqualTo("registry"));
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/master-meters", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(community, "b01-0101"))))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.put().uri("/api/accounting/communities/{c}/buildings/b01/master-meter", community)
                .header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content("{\"areaId\":\"b02-lobby\"}"))
                .as("accounting no longer designates: the registry does").hasStatus4xxClientError();

        assertThat(commonAreas(manager)).as("the master's consumption left the community's common areas").isEqualTo(6.5);
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/trends?from={d}&to={d}&granularity=DAY", community, day, day)
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.periods[0].commonAreas[0].consumption.value", v -> v.assertThat().isEqualTo(6.5));
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/data-quality?from={f}&to={t}", community, start, end)
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.masterMeters.differencePercent", v -> v.assertThat().isEqualTo(3.5))
                .hasPathSatisfying("$.masterMeters.completeWithinFivePercent", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.masterMeters.byBuilding[0].master.value", v -> v.assertThat().isEqualTo(100.0))
                .hasPathSatisfying("$.masterMeters.byBuilding[0].households.value", v -> v.assertThat().isEqualTo(90.0))
                .hasPathSatisfying("$.masterMeters.byBuilding[0].commonAreas.value", v -> v.assertThat().isEqualTo(6.5))
                .hasPathSatisfying("$.masterMeters.byBuilding[0].submetered.value", v -> v.assertThat().isEqualTo(96.5))
                .hasPathSatisfying("$.masterMeters.byBuilding[0].householdDayCoverage", v -> v.assertThat().isEqualTo(1.0))
                .hasPathSatisfying("$.masterMeters.byBuilding[0].complete", v -> v.assertThat().isEqualTo(true));

        // an older state delivered again changes nothing; unmarked in the registry, it counts as a common area again
        place(PlaceKind.COMMON_AREA, "b01-supply", "b01", false, 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> commonAreas(manager) == 6.5 && masterMeters(manager).contains("\"areaId\":\"b01-supply\""));
        place(PlaceKind.COMMON_AREA, "b01-supply", "b01", false, 3);
        await().atMost(Duration.ofSeconds(20)).until(() -> masterMeters(manager).equals("[]"));
        assertThat(commonAreas(manager)).as("unmarked, the master meter reads as a common area again").isEqualTo(106.5);
        place(PlaceKind.COMMON_AREA, "b01-supply", "b01", true, 4);
        await().atMost(Duration.ofSeconds(20)).until(() -> masterMeters(manager).contains("\"areaId\":\"b01-supply\""));
        assertThat(commonAreas(manager)).isEqualTo(6.5);

        // a glitch in a household's meter the next day: that day's figure says it rests on a flagged reading
        Instant later = end.plus(1, ChronoUnit.DAYS);
        readings.record(List.of(Events.electricity(community, "b01-0101", "em-0101", end.plus(12, ChronoUnit.HOURS), "3"),
                Events.electricity(community, "b01-0101", "em-0101", later, "1070"),
                Events.areaElectricity(community, "b01-supply", "em-supply", later, "7111")));
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/data-quality?from={f}&to={t}", community, end, later)
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.masterMeters.byBuilding[0].complete", v -> v.assertThat().isEqualTo(false))
                .hasPathSatisfying("$.masterMeters.byBuilding[0].incomplete",
                        v -> v.assertThat().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                                .containsExactly("HOUSEHOLD_DAYS_MISSING", "FLAGGED_READINGS"))
                .hasPathSatisfying("$.masterMeters.completeWithinFivePercent", v -> v.assertThat().isEqualTo(0));
    }

    private double commonAreas(String manager) throws java.io.UnsupportedEncodingException {
        String body = mvc.get().uri("/api/accounting/communities/{c}/consumption?from={f}&to={t}", community, start, end)
                .header(HttpHeaders.AUTHORIZATION, manager).exchange().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        return com.jayway.jsonpath.JsonPath.<Number>read(body, "$.commonAreas[0].consumption.value").doubleValue();
    }

    private String masterMeters(String manager) throws java.io.UnsupportedEncodingException {
        return mvc.get().uri("/api/accounting/communities/{c}/master-meters", community).header(HttpHeaders.AUTHORIZATION, manager)
                .exchange().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The registry's places, as the sensing service publishes them, each delivered twice. */
    private void places() throws Exception {
        place(PlaceKind.BUILDING, "b01", null, false, 1);
        place(PlaceKind.BUILDING, "b02", null, false, 1);
        place(PlaceKind.HOUSEHOLD, "b01-0101", "b01", false, 1);
        place(PlaceKind.HOUSEHOLD, "b01-0102", "b01", false, 1);
        place(PlaceKind.COMMON_AREA, "b01-stairs", "b01", false, 1);
        place(PlaceKind.COMMON_AREA, "b01-supply", "b01", false, 1);
        place(PlaceKind.COMMON_AREA, "b02-lobby", "b02", false, 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("SELECT count(*) FROM place WHERE community_id = ?",
                Integer.class, community) == 7);
    }

    private void place(PlaceKind kind, String id, String buildingId, boolean buildingSupply, long revision) throws Exception {
        PlaceChanged place = new PlaceChanged(PlaceChanged.eventIdOf(community, kind, id, revision), PlaceChanged.SCHEMA_VERSION,
                community, Instant.now(), revision, kind, id, id, buildingId, kind == PlaceKind.HOUSEHOLD ? 2 : null, null,
                kind == PlaceKind.COMMON_AREA ? buildingSupply : null);
        for (int i = 0; i < 2; i++) {
            kafka.send(RegistryTopics.PLACES, RegistryTopics.placeKey(community, kind, id), codec.encode(place)).get();
        }
    }
}
