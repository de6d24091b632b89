package org.communitycarbon.ops.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.communitycarbon.model.registry.PlaceChanged;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.model.registry.SubsystemKind;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.model.sensing.MeterType;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.ops.OpsTicketServiceTest;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.jayway.jsonpath.JsonPath;

/**
 * Common-area meter readings and registry places published to Kafka as the sensing service does, and what the API
 * then shows: consumption by subsystem and building, PV, cost by tariff period, and energy anomalies.
 */
@OpsTicketServiceTest
class EnergyMonitoringIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvcTester mvc;

    private final String community = MonitoringEvents.community();
    private final LocalDate yesterday = MonitoringEvents.yesterday();
    private String manager = "";

    @BeforeEach
    void registerTheCommunity() throws Exception {
        manager = TestTokens.bearer(TestTokens.propertyManager(community));
        var shanghai = MonitoringEvents.shanghai(community);
        kafka.send(RegistryTopics.COMMUNITIES, community, codec.encode(shanghai)).get();
        List<PlaceChanged> places = List.of(
                MonitoringEvents.place(community, PlaceKind.BUILDING, "b1", null, null),
                MonitoringEvents.place(community, PlaceKind.ENERGY_SUBSYSTEM, "lift-b1", "b1", SubsystemKind.LIFT),
                MonitoringEvents.place(community, PlaceKind.ENERGY_SUBSYSTEM, "light-1", null, SubsystemKind.LIGHTING),
                MonitoringEvents.place(community, PlaceKind.ENERGY_SUBSYSTEM, "pv-b1", "b1", SubsystemKind.PV));
        for (PlaceChanged place : places) {
            kafka.send(RegistryTopics.PLACES, RegistryTopics.placeKey(community, place.kind(), place.placeId()),
                    codec.encode(place)).get();
        }
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM monitoring_place WHERE community_id = ?", Integer.class, community) == places.size()
                && jdbc.queryForObject("SELECT count(*) FROM monitoring_community WHERE community_id = ?", Integer.class,
                        community) == 1);
    }

    /**
     * Yesterday in Shanghai, the lift's meter reads 1000 at 06:00, 1002 at 07:00, 1005 at 08:00, 1009 at 09:00, 1012 at
     * 10:00, 1018 at 11:00, then 5 at 11:30 (reset: nothing counted), 7.5 at 12:00 and 11.5 at 13:00; the PV meter 500 at
     * 10:00, 502 at 11:00 and 503 at 12:00; the lights' meter 100 at 20:00 and 101.2 at 21:00.
     * <pre>
     * hour   lift   PV   grid (lift + lights - PV)   period  price   cost
     * 06     2      -    2                           VALLEY  0.30    0.60
     * 07     3      -    3                           VALLEY  0.30    0.90
     * 08     4      -    4                           FLAT    0.60    2.40
     * 09     3      -    3                           FLAT    0.60    1.80
     * 10     6      2    4                           PEAK    1.00    4.00
     * 11     2.5    1    1.5  (11:30-12:00 only)     PEAK    1.00    1.50
     * 12     4      -    4                           FLAT    0.60    2.40
     * 20     1.2 (lights)  1.2                       PEAK    1.00    1.20
     * VALLEY 5 kWh 1.50; FLAT 11 kWh 6.60; PEAK 4 + 1.5 + 1.2 = 6.7 kWh 6.70; grid 22.7 kWh, 14.80 CNY
     * consumption 24.5 (lift) + 1.2 (lights) = 25.7 kWh; PV 3 kWh, all self-consumed; self-sufficiency 3 / 25.7 = 0.1167
     * </pre>
     */
    @Test
    void costByTariffPeriodMatchesAHandCalculation() throws Exception {
        String admin = TestTokens.bearer(TestTokens.admin());
        String tariff = """
                {"effectiveFrom": "%s", "periods": [
                  {"period": "VALLEY", "fromHour": 0, "toHour": 8, "pricePerKwh": 0.3},
                  {"period": "FLAT", "fromHour": 8, "toHour": 10, "pricePerKwh": 0.6},
                  {"period": "PEAK", "fromHour": 10, "toHour": 12, "pricePerKwh": 1.0},
                  {"period": "FLAT", "fromHour": 12, "toHour": 18, "pricePerKwh": 0.6},
                  {"period": "PEAK", "fromHour": 18, "toHour": 22, "pricePerKwh": 1.0},
                  {"period": "VALLEY", "fromHour": 22, "toHour": 24, "pricePerKwh": 0.3}]}""";
        // a property manager never reprices days that have begun; an admin loads the tariff in force since before yesterday
        assertThat(mvc.post().uri("/api/ops/communities/{c}/energy/tariffs", community).header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content(tariff.formatted(yesterday)).exchange())
                .hasStatus(400).bodyJson().extractingPath("$.detail").asString().startsWith("effectiveFrom");
        assertThat(mvc.post().uri("/api/ops/communities/{c}/energy/tariffs", community).header(HttpHeaders.AUTHORIZATION, admin)
                .contentType(MediaType.APPLICATION_JSON).content(tariff.formatted(yesterday.minusDays(1))).exchange())
                .hasStatus(201);

        List<MeterReadingReceived> readings = new ArrayList<>();
        String[][] lift = {{"06:00", "1000"}, {"07:00", "1002"}, {"08:00", "1005"}, {"09:00", "1009"}, {"10:00", "1012"},
            {"11:00", "1018"}, {"11:30", "5"}, {"12:00", "7.5"}, {"13:00", "11.5"}};
        for (String[] r : lift) {
            readings.add(MonitoringEvents.reading(community, "em-lift", MeterType.ELECTRICITY, "lift-b1",
                    MonitoringEvents.yesterdayAt(r[0]), r[1]));
        }
        for (String[] r : new String[][] {{"10:00", "500"}, {"11:00", "502"}, {"12:00", "503"}}) {
            readings.add(MonitoringEvents.reading(community, "pv-meter", MeterType.PV_GENERATION, "pv-b1",
                    MonitoringEvents.yesterdayAt(r[0]), r[1]));
        }
        readings.add(MonitoringEvents.reading(community, "em-light", MeterType.ELECTRICITY, "light-1",
                MonitoringEvents.yesterdayAt("20:00"), "100"));
        readings.add(MonitoringEvents.reading(community, "em-light", MeterType.ELECTRICITY, "light-1",
                MonitoringEvents.yesterdayAt("21:00"), "101.2"));
        // a household's meter is not the common areas'
        readings.add(MonitoringEvents.householdReading(community, "em-home", "h1", MonitoringEvents.yesterdayAt("09:00"), "10"));
        readings.add(MonitoringEvents.householdReading(community, "em-home", "h1", MonitoringEvents.yesterdayAt("10:00"), "90"));
        List<MeterReadingReceived> shuffled = new ArrayList<>(readings);
        Collections.shuffle(shuffled);
        publish(shuffled);
        publish(readings); // delivered twice, in another order

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(cost(yesterday)).contains("\"cost\":14.80"));
        String cost = cost(yesterday);
        assertThat(JsonPath.<Number>read(cost, "$.gridEnergy.value").doubleValue()).isEqualTo(22.7);
        assertThat(JsonPath.<String>read(cost, "$.currency")).isEqualTo("CNY");
        assertThat(JsonPath.<List<Number>>read(cost, "$.byPeriod[?(@.period == 'VALLEY')].energy.value").get(0).doubleValue()).isEqualTo(5);
        assertThat(JsonPath.<List<Number>>read(cost, "$.byPeriod[?(@.period == 'VALLEY')].cost").get(0).doubleValue()).isEqualTo(1.5);
        assertThat(JsonPath.<List<Number>>read(cost, "$.byPeriod[?(@.period == 'FLAT')].energy.value").get(0).doubleValue()).isEqualTo(11);
        assertThat(JsonPath.<List<Number>>read(cost, "$.byPeriod[?(@.period == 'FLAT')].cost").get(0).doubleValue()).isEqualTo(6.6);
        assertThat(JsonPath.<List<Number>>read(cost, "$.byPeriod[?(@.period == 'PEAK')].energy.value").get(0).doubleValue()).isEqualTo(6.7);
        assertThat(JsonPath.<List<Number>>read(cost, "$.byPeriod[?(@.period == 'PEAK')].cost").get(0).doubleValue()).isEqualTo(6.7);
        assertThat(JsonPath.<Number>read(cost, "$.unpricedEnergy.value").doubleValue()).isZero();

        String consumption = get("/api/ops/communities/{c}/energy/consumption?from={d}", community, yesterday.toString());
        assertThat(JsonPath.<Number>read(consumption, "$.consumption.value").doubleValue()).isEqualTo(25.7);
        assertThat(JsonPath.<List<Number>>read(consumption, "$.bySubsystemKind[?(@.kind == 'LIFT')].consumption.value").get(0)
                .doubleValue()).isEqualTo(24.5);
        assertThat(JsonPath.<List<Number>>read(consumption, "$.bySubsystemKind[?(@.kind == 'LIGHTING')].consumption.value").get(0)
                .doubleValue()).isEqualTo(1.2);
        assertThat(JsonPath.<List<Number>>read(consumption, "$.byBuilding[?(@.buildingId == 'b1')].consumption.value").get(0)
                .doubleValue()).isEqualTo(24.5);
        assertThat(JsonPath.<List<Number>>read(consumption, "$.byBuilding[?(@.buildingId == null)].consumption.value").get(0)
                .doubleValue()).isEqualTo(1.2);
        assertThat(JsonPath.<Number>read(consumption, "$.pv.generation.value").doubleValue()).isEqualTo(3);
        assertThat(JsonPath.<Number>read(consumption, "$.pv.selfConsumption.value").doubleValue()).isEqualTo(3);
        assertThat(JsonPath.<Number>read(consumption, "$.pv.selfSufficiencyShare.value").doubleValue()).isEqualTo(0.1167);

        // a later version, from tomorrow, at twice the prices: yesterday's cost stays what it was
        assertThat(mvc.post().uri("/api/ops/communities/{c}/energy/tariffs", community).header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"effectiveFrom": "%s", "periods": [{"period": "FLAT", "fromHour": 0, "toHour": 24, "pricePerKwh": 2}]}"""
                        .formatted(LocalDate.now(MonitoringEvents.SHANGHAI).plusDays(1))).exchange()).hasStatus(201);
        assertThat(cost(yesterday)).contains("\"cost\":14.80");
        assertThat(mvc.post().uri("/api/ops/communities/{c}/energy/tariffs", community).header(HttpHeaders.AUTHORIZATION, admin)
                .contentType(MediaType.APPLICATION_JSON).content(tariff.formatted(yesterday.minusDays(1))).exchange())
                .hasStatus(409);
    }

    @Test
    void lightingOnInDaylightRaisesAnAnomalyThatClearsWhenTheLightsStayOff() throws Exception {
        // 2 kWh from 09:00 to 10:00 yesterday (daylight is 07:00-17:00), then off from 10:10
        List<MeterReadingReceived> on = new ArrayList<>();
        String[][] registers = {{"09:00", "50"}, {"09:30", "51"}, {"10:00", "52"}, {"10:10", "52.3"}};
        for (String[] r : registers) {
            on.add(MonitoringEvents.reading(community, "em-light", MeterType.ELECTRICITY, "light-1",
                    MonitoringEvents.yesterdayAt(r[0]), r[1]));
        }
        publish(on);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(energyAlerts("ACTIVE")).contains("LIGHTING_IN_DAYLIGHT"));
        String active = energyAlerts("ACTIVE");
        assertThat((List<?>) JsonPath.read(active, "$.items")).hasSize(1);
        assertThat(JsonPath.<String>read(active, "$.items[0].sourceId")).isEqualTo("light-1");
        assertThat(Instant.parse(JsonPath.read(active, "$.items[0].raisedAt"))).isEqualTo(MonitoringEvents.yesterdayAt("09:00"));
        // raised as soon as the running 09:00 hour passes the minimum: with 1 kWh when the 09:00 and 09:30 readings came in
        // a batch of their own, with 2 kWh when the 10:00 reading came with them — how Kafka batches them is not fixed
        assertThat(JsonPath.<Number>read(active, "$.items[0].observed.value").doubleValue()).isIn(1.0, 2.0);
        assertThat(JsonPath.<Number>read(active, "$.items[0].threshold.value").doubleValue()).isEqualTo(0.05);
        String orderId = JsonPath.read(active, "$.items[0].workOrderId");
        String order = get("/api/ops/work-orders/{id}", orderId);
        assertThat(JsonPath.<String>read(order, "$.type")).isEqualTo("ENERGY_ANOMALY");
        assertThat(JsonPath.<String>read(order, "$.sourceId")).isEqualTo("lighting-daylight:light-1");
        assertThat(JsonPath.<String>read(order, "$.status")).isEqualTo("OPEN");

        // the lights stay off through the hour from 11:00: a complete daylight hour below the minimum clears the alert
        List<MeterReadingReceived> off = List.of(
                MonitoringEvents.reading(community, "em-light", MeterType.ELECTRICITY, "light-1", MonitoringEvents.yesterdayAt("11:00"), "52.3"),
                MonitoringEvents.reading(community, "em-light", MeterType.ELECTRICITY, "light-1", MonitoringEvents.yesterdayAt("12:00"), "52.3"),
                MonitoringEvents.reading(community, "em-light", MeterType.ELECTRICITY, "light-1", MonitoringEvents.yesterdayAt("12:05"), "52.3"));
        publish(off);
        publish(on); // a replay raises nothing new
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(energyAlerts("CLEARED")).contains("LIGHTING_IN_DAYLIGHT"));
        String all = get("/api/ops/communities/{c}/alerts?kind=ENERGY", community);
        assertThat((List<?>) JsonPath.read(all, "$.items")).hasSize(1);
        assertThat(Instant.parse(JsonPath.read(all, "$.items[0].clearedAt"))).isEqualTo(MonitoringEvents.yesterdayAt("12:00"));
        assertThat(JsonPath.<String>read(get("/api/ops/work-orders/{id}", orderId), "$.status")).isEqualTo("RESOLVED");
    }

    @Test
    void aSubsystemAboveItsOwnBaselineRaisesAnAnomaly() throws Exception {
        // the lift's history: 2 kWh in the hour from 15:00 on each of the 7 days before yesterday (input for the baseline,
        // older than the registers the service keeps)
        for (int day = 1; day <= 7; day++) {
            Instant hour = yesterday.minusDays(day).atTime(15, 0).atZone(MonitoringEvents.SHANGHAI).toInstant();
            jdbc.update("""
                    INSERT INTO energy_hourly (community_id, device_id, hour, meter_type, area_id, energy)
                    VALUES (?, 'em-lift', ?, 'ELECTRICITY', 'lift-b1', ?)""", community, Timestamp.from(hour), new BigDecimal("2"));
        }
        // yesterday 15:00-16:00: 2.5 kWh, within 2 x 1.3 = 2.6; today... the hour from 16:00 has no history: not judged
        publish(List.of(
                MonitoringEvents.reading(community, "em-lift", MeterType.ELECTRICITY, "lift-b1", MonitoringEvents.yesterdayAt("15:00"), "300"),
                MonitoringEvents.reading(community, "em-lift", MeterType.ELECTRICITY, "lift-b1", MonitoringEvents.yesterdayAt("16:00"), "302.5"),
                MonitoringEvents.reading(community, "em-lift", MeterType.ELECTRICITY, "lift-b1", MonitoringEvents.yesterdayAt("16:05"), "302.6")));
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM energy_hourly WHERE community_id = ? AND hour = ?", Integer.class, community,
                Timestamp.from(MonitoringEvents.yesterdayAt("16:00"))) == 1);
        assertThat((List<?>) JsonPath.read(energyAlerts("ACTIVE"), "$.items")).isEmpty();

        // a late reading at 15:30 shows the hour differently: 15:00-15:30 +3, 15:30-16:00 reset (nothing); 3 > 2.6
        publish(List.of(MonitoringEvents.reading(community, "em-lift", MeterType.ELECTRICITY, "lift-b1",
                MonitoringEvents.yesterdayAt("15:30"), "303")));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(energyAlerts("ACTIVE")).contains("ABOVE_BASELINE"));
        String active = energyAlerts("ACTIVE");
        assertThat(JsonPath.<String>read(active, "$.items[0].severity")).isEqualTo("WARNING");
        assertThat(JsonPath.<Number>read(active, "$.items[0].observed.value").doubleValue()).isEqualTo(3);
        assertThat(JsonPath.<Number>read(active, "$.items[0].threshold.value").doubleValue()).isEqualTo(2.6);
        assertThat(JsonPath.<String>read(active, "$.items[0].title")).contains("50% above its baseline of 2 kWh (7 days)");
    }

    /**
     * Building b2's master meter, on the lighting subsystem the registry marks as b2's supply, counts 100 kWh from 09:00 to
     * 10:00 yesterday and 10 more to 10:10 — in daylight, which a lighting subsystem's meter would be judged for — while
     * the stairwell's meter counts 6.5 kWh. Common-area electricity is the stairwell's 6.5 kWh; the master's 110 kWh are
     * shown apart as the building's supply, judged by no anomaly rule, and counted again once the registry unmarks it.
     */
    @Test
    void aBuildingsMasterMeterIsNotCommonAreaElectricity() throws Exception {
        List<PlaceChanged> places = List.of(MonitoringEvents.place(community, PlaceKind.BUILDING, "b2", null, null),
                MonitoringEvents.place(community, PlaceKind.COMMON_AREA, "stairs-b2", "b2", null, 1, false),
                MonitoringEvents.place(community, PlaceKind.ENERGY_SUBSYSTEM, "supply-b2", "b2", SubsystemKind.LIGHTING, 1, true));
        for (PlaceChanged place : places) {
            kafka.send(RegistryTopics.PLACES, RegistryTopics.placeKey(community, place.kind(), place.placeId()),
                    codec.encode(place)).get();
        }
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM monitoring_place WHERE community_id = ? AND (place_id = 'stairs-b2' OR building_supply)",
                Integer.class, community) == 2);
        List<MeterReadingReceived> readings = new ArrayList<>();
        for (String[] r : new String[][] {{"09:00", "7000", "20"}, {"10:00", "7100", "26.5"}, {"10:10", "7110", "26.5"}}) {
            readings.add(MonitoringEvents.reading(community, "em-supply-b2", MeterType.ELECTRICITY, "supply-b2",
                    MonitoringEvents.yesterdayAt(r[0]), r[1]));
            readings.add(MonitoringEvents.reading(community, "em-stairs-b2", MeterType.ELECTRICITY, "stairs-b2",
                    MonitoringEvents.yesterdayAt(r[0]), r[2]));
        }
        publish(readings);
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM energy_hourly WHERE community_id = ? AND hour = ?", Integer.class, community,
                Timestamp.from(MonitoringEvents.yesterdayAt("10:00"))) == 2);
        // the hour's rows exist once its first readings are in; the master's last one (10:10) may come in a later batch
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(JsonPath.<List<Number>>read(
                get("/api/ops/communities/{c}/energy/consumption?from={d}", community, yesterday.toString()),
                "$.buildingSupplies[*].consumption.value")).extracting(Number::doubleValue).containsExactly(110.0));

        String consumption = get("/api/ops/communities/{c}/energy/consumption?from={d}", community, yesterday.toString());
        assertThat(JsonPath.<Number>read(consumption, "$.consumption.value").doubleValue()).isEqualTo(6.5);
        assertThat(JsonPath.<List<String>>read(consumption, "$.bySubsystemKind[*].kind")).containsExactly("COMMON_AREA");
        assertThat(JsonPath.<List<String>>read(consumption, "$.bySubsystem[*].id")).containsExactly("stairs-b2");
        assertThat(JsonPath.<List<Number>>read(consumption, "$.byBuilding[?(@.buildingId == 'b2')].consumption.value").get(0)
                .doubleValue()).isEqualTo(6.5);
        assertThat(JsonPath.<String>read(consumption, "$.buildingSupplies[0].buildingId")).isEqualTo("b2");
        assertThat(JsonPath.<String>read(consumption, "$.buildingSupplies[0].areaId")).isEqualTo("supply-b2");
        assertThat(JsonPath.<Number>read(consumption, "$.buildingSupplies[0].consumption.value").doubleValue()).isEqualTo(110);
        assertThat(JsonPath.<Number>read(cost(yesterday), "$.gridEnergy.value").doubleValue()).isEqualTo(6.5);
        assertThat((List<?>) JsonPath.read(energyAlerts("ACTIVE"), "$.items")).as("a master meter is no lighting in daylight").isEmpty();

        // the registry decides: unmarked, its meter is a lighting subsystem's again
        PlaceChanged unmarked = MonitoringEvents.place(community, PlaceKind.ENERGY_SUBSYSTEM, "supply-b2", "b2", SubsystemKind.LIGHTING,
                2, false);
        kafka.send(RegistryTopics.PLACES, RegistryTopics.placeKey(community, unmarked.kind(), unmarked.placeId()),
                codec.encode(unmarked)).get();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(JsonPath.<Number>read(
                get("/api/ops/communities/{c}/energy/consumption?from={d}", community, yesterday.toString()), "$.consumption.value")
                .doubleValue()).isEqualTo(116.5));
        assertThat((List<?>) JsonPath.read(get("/api/ops/communities/{c}/energy/consumption?from={d}", community, yesterday.toString()),
                "$.buildingSupplies")).isEmpty();
    }

    private String energyAlerts(String status) throws Exception {
        return get("/api/ops/communities/{c}/alerts?kind=ENERGY&status={s}", community, status);
    }

    private String cost(LocalDate day) throws Exception {
        return get("/api/ops/communities/{c}/energy/cost?from={d}&to={d}", community, day.toString(), day.toString());
    }

    private String get(String uri, Object... variables) throws Exception {
        var result = mvc.get().uri(uri, variables).header(HttpHeaders.AUTHORIZATION, manager).exchange();
        assertThat(result).hasStatusOk();
        return result.getResponse().getContentAsString();
    }

    private void publish(List<MeterReadingReceived> readings) throws Exception {
        for (MeterReadingReceived reading : readings) {
            kafka.send(SensingTopics.METER_READINGS, reading.communityId() + "/" + reading.deviceId(), codec.encode(reading)).get();
        }
    }
}
