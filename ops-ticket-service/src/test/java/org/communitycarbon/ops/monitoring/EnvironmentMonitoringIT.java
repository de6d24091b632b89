package org.communitycarbon.ops.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.ops.AlertRaised;
import org.communitycarbon.model.ops.AlertType;
import org.communitycarbon.model.ops.OpsTopics;
import org.communitycarbon.model.sensing.EnvironmentObserved;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.ops.OpsTicketServiceTest;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.jayway.jsonpath.JsonPath;

/**
 * Environment observations published to Kafka as the sensing service does, and what the API then shows: the latest
 * values and hourly rollups, and alerts raised and cleared by the thresholds, with their work orders.
 */
@OpsTicketServiceTest
class EnvironmentMonitoringIT {

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
    private final String area = "plaza-" + community.substring(2, 10);

    @Test
    void aThresholdCrossedAndClearedWithHysteresisRaisesOneAlertAndSettlesItsWorkOrder() throws Exception {
        String manager = TestTokens.bearer(TestTokens.propertyManager(community));
        // day 75, night 50, clear below 65, held 3 minutes; CRITICAL from 150 opens a work order
        assertThat(mvc.put().uri("/api/ops/communities/{c}/environment/thresholds/PM25", community)
                .header(HttpHeaders.AUTHORIZATION, manager).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"dayLimit": 75, "nightLimit": 50, "hysteresis": 10, "minimumMinutes": 3, "criticalMargin": 75,
                         "workOrderFrom": "CRITICAL"}""")
                .exchange()).hasStatusOk().bodyJson().extractingPath("$.source").isEqualTo("COMMUNITY");

        // one value a minute from 10:00 yesterday in Shanghai (day)
        String[] values = {
            "60", // 10:00
            "80", "70", // a one-minute spike: not held
            "80", "90", "85", "85", // 10:03 to 10:06: held 3 minutes -> raised at 10:06 as WARNING
            "160", // 10:07: critical -> escalated, work order opened
            "70", "66", // within the hysteresis band: still active
            "60", "62", // clearing since 10:10 ...
            "70", // ... interrupted
            "50", "50", "50", "50", // 10:13 to 10:16: below 65 for 3 minutes -> cleared at 10:16
            "80" // 10:17: a new condition starts, not held yet
        };
        Instant start = MonitoringEvents.yesterdayAt("10:00");
        List<EnvironmentObserved> observations = new ArrayList<>();
        for (int minute = 0; minute < values.length; minute++) {
            observations.add(MonitoringEvents.pm25(community, "env-1", area, start.plusSeconds(60L * minute), values[minute]));
        }
        publish(observations);
        publish(observations); // delivered twice: counted once
        awaitProcessed(observations);

        String alerts = get("/api/ops/communities/{c}/alerts?kind=ENVIRONMENT", manager, community);
        assertThat((List<?>) JsonPath.read(alerts, "$.items")).hasSize(1);
        assertThat(JsonPath.<String>read(alerts, "$.items[0].rule")).isEqualTo("PM25");
        assertThat(JsonPath.<String>read(alerts, "$.items[0].sourceId")).isEqualTo(area);
        assertThat(JsonPath.<String>read(alerts, "$.items[0].status")).isEqualTo("CLEARED");
        assertThat(JsonPath.<String>read(alerts, "$.items[0].severity")).isEqualTo("CRITICAL");
        assertThat(Instant.parse(JsonPath.read(alerts, "$.items[0].raisedAt"))).isEqualTo(start.plusSeconds(6 * 60));
        assertThat(JsonPath.<Number>read(alerts, "$.items[0].observed.value").doubleValue()).isEqualTo(85);
        assertThat(JsonPath.<Number>read(alerts, "$.items[0].threshold.value").doubleValue()).isEqualTo(75);
        assertThat(JsonPath.<String>read(alerts, "$.items[0].threshold.unit")).isEqualTo("MICROGRAM_PER_M3");
        assertThat(JsonPath.<Number>read(alerts, "$.items[0].peak.value").doubleValue()).isEqualTo(160);
        assertThat(Instant.parse(JsonPath.read(alerts, "$.items[0].clearedAt"))).isEqualTo(start.plusSeconds(16 * 60));
        assertThat(JsonPath.<Number>read(alerts, "$.items[0].clearedValue.value").doubleValue()).isEqualTo(50);

        String orderId = JsonPath.read(alerts, "$.items[0].workOrderId");
        String order = get("/api/ops/work-orders/{id}", manager, orderId);
        assertThat(JsonPath.<String>read(order, "$.type")).isEqualTo("ENVIRONMENT_THRESHOLD");
        assertThat(JsonPath.<String>read(order, "$.sourceId")).isEqualTo("pm25:" + area);
        assertThat(JsonPath.<String>read(order, "$.priority")).isEqualTo("HIGH");
        assertThat(JsonPath.<String>read(order, "$.status")).isEqualTo("RESOLVED");
        assertThat(JsonPath.<String>read(order, "$.resolvedBy")).isEqualTo("platform");
        assertThat(JsonPath.<String>read(order, "$.resolutionNote")).contains("stayed below 65 µg/m³");
        // opened when the alert became CRITICAL, due 4 hours later
        assertThat(Instant.parse(JsonPath.read(order, "$.openedAt"))).isEqualTo(start.plusSeconds(7 * 60));
        assertThat(Instant.parse(JsonPath.read(order, "$.deadline"))).isEqualTo(start.plusSeconds(7 * 60).plus(Duration.ofHours(4)));

        AlertRaised raised = alertRaised(orderId);
        assertThat(raised.alertType()).isEqualTo(AlertType.ENVIRONMENT_THRESHOLD);
        assertThat(raised.sourceId()).isEqualTo("pm25:" + area);

        String hourly = get("/api/ops/communities/{c}/environment/areas/{a}/hourly?from={f}&to={t}", manager, community, area,
                start.toString(), start.plusSeconds(3600).toString());
        assertThat(JsonPath.<List<Object>>read(hourly, "$[?(@.measure == 'PM25')].samples")).containsExactly(values.length);
        assertThat(JsonPath.<List<Number>>read(hourly, "$[?(@.measure == 'PM25')].minimum.value").get(0).doubleValue()).isEqualTo(50);
        assertThat(JsonPath.<List<Number>>read(hourly, "$[?(@.measure == 'PM25')].maximum.value").get(0).doubleValue()).isEqualTo(160);
        assertThat(JsonPath.<List<Object>>read(hourly, "$[?(@.measure == 'TEMPERATURE')].samples")).containsExactly(values.length);

        String latest = get("/api/ops/communities/{c}/environment/latest", manager, community);
        assertThat(JsonPath.<List<Number>>read(latest, "$[0].measures[?(@.measure == 'PM25')].value.value").get(0).doubleValue())
                .isEqualTo(80);
        assertThat(JsonPath.<List<String>>read(latest, "$[0].measures[?(@.measure == 'PM25')].observedAt"))
                .containsExactly(start.plusSeconds(17 * 60).toString());
    }

    @Test
    void anAlertClearsWhenItsObservationsArriveOneBatchAtATime() throws Exception {
        // a sensor reports once a minute, so each observation is a batch of its own: the clearing period runs over
        // several batches and must be carried from one to the next
        String manager = TestTokens.bearer(TestTokens.propertyManager(community));
        assertThat(mvc.put().uri("/api/ops/communities/{c}/environment/thresholds/PM25", community)
                .header(HttpHeaders.AUTHORIZATION, manager).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"dayLimit": 75, "nightLimit": 50, "hysteresis": 10, "minimumMinutes": 3, "criticalMargin": 75,
                         "workOrderFrom": "CRITICAL"}""")
                .exchange()).hasStatusOk();
        String[] values = {"80", "80", "80", "80", "50", "50", "50", "50"}; // raised at 10:03, cleared at 10:07
        Instant start = MonitoringEvents.yesterdayAt("10:00");
        for (int minute = 0; minute < values.length; minute++) {
            List<EnvironmentObserved> one = List.of(
                    MonitoringEvents.pm25(community, "env-1", area, start.plusSeconds(60L * minute), values[minute]));
            publish(one);
            awaitProcessed(one);
        }
        String alerts = get("/api/ops/communities/{c}/alerts?kind=ENVIRONMENT", manager, community);
        assertThat((List<?>) JsonPath.read(alerts, "$.items")).hasSize(1);
        assertThat(Instant.parse(JsonPath.read(alerts, "$.items[0].raisedAt"))).isEqualTo(start.plusSeconds(3 * 60));
        assertThat(JsonPath.<String>read(alerts, "$.items[0].status")).isEqualTo("CLEARED");
        assertThat(Instant.parse(JsonPath.read(alerts, "$.items[0].clearedAt"))).isEqualTo(start.plusSeconds(7 * 60));
    }

    @Test
    void noiseAtNightIsJudgedByTheNightLimitAndStaffAcknowledgeTheAlert() throws Exception {
        // the defaults: 55 dB(A) by day, 45 at night, held 10 minutes; a WARNING opens a work order
        List<EnvironmentObserved> observations = new ArrayList<>();
        Instant day = MonitoringEvents.yesterdayAt("14:00");
        Instant night = MonitoringEvents.yesterdayAt("23:00");
        for (int minute = 0; minute <= 10; minute++) {
            observations.add(MonitoringEvents.noise(community, "noise-1", area, day.plusSeconds(60L * minute), "50"));
        }
        for (int minute = 0; minute <= 10; minute++) {
            observations.add(MonitoringEvents.noise(community, "noise-1", area, night.plusSeconds(60L * minute), "50"));
        }
        publish(observations);
        awaitProcessed(observations);

        String staff = TestTokens.bearer(TestTokens.staff(community));
        String alerts = get("/api/ops/communities/{c}/alerts?status=ACTIVE", staff, community);
        assertThat((List<?>) JsonPath.read(alerts, "$.items")).hasSize(1);
        assertThat(JsonPath.<String>read(alerts, "$.items[0].rule")).isEqualTo("NOISE_LEVEL");
        assertThat(JsonPath.<String>read(alerts, "$.items[0].title")).contains("night limit of 45 dB(A)");
        assertThat(Instant.parse(JsonPath.read(alerts, "$.items[0].raisedAt"))).isEqualTo(night.plusSeconds(600));
        assertThat(JsonPath.<String>read(alerts, "$.items[0].workOrderId")).isNotNull();
        String id = JsonPath.read(alerts, "$.items[0].id");

        String acknowledged = mvc.post().uri("/api/ops/alerts/{id}/acknowledge", id).header(HttpHeaders.AUTHORIZATION, staff)
                .exchange().getResponse().getContentAsString();
        assertThat(JsonPath.<String>read(acknowledged, "$.acknowledgedBy")).isEqualTo("staff-" + community);
        assertThat(JsonPath.<String>read(acknowledged, "$.status")).isEqualTo("ACTIVE");
        String again = mvc.post().uri("/api/ops/alerts/{id}/acknowledge", id)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community)))
                .exchange().getResponse().getContentAsString();
        assertThat(JsonPath.<String>read(again, "$.acknowledgedAt")).isEqualTo(JsonPath.read(acknowledged, "$.acknowledgedAt"));
        assertThat(mvc.post().uri("/api/ops/alerts/{id}/acknowledge", id)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager("other-" + community))).exchange())
                .hasStatus(404);
    }

    @Test
    void refusesThresholdsThatCannotWorkNamingTheField() {
        String manager = TestTokens.bearer(TestTokens.propertyManager(community));
        assertThat(mvc.put().uri("/api/ops/communities/{c}/environment/thresholds/CO2", community)
                .header(HttpHeaders.AUTHORIZATION, manager).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"dayLimit": 1000, "nightLimit": 800, "hysteresis": 800, "minimumMinutes": 5, "criticalMargin": 500,
                         "workOrderFrom": "WARNING"}""")
                .exchange()).hasStatus(400).bodyJson().extractingPath("$.detail").asString().contains("hysteresis");
        assertThat(mvc.put().uri("/api/ops/communities/{c}/environment/thresholds/RADON", community)
                .header(HttpHeaders.AUTHORIZATION, manager).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"dayLimit": 1000, "nightLimit": 800, "hysteresis": 80, "minimumMinutes": 5, "criticalMargin": 500,
                         "workOrderFrom": "WARNING"}""")
                .exchange()).hasStatus(400).bodyJson().extractingPath("$.detail").asString().contains("measure");
        assertThat(mvc.put().uri("/api/ops/communities/{c}/environment/thresholds/CO2", community)
                .header(HttpHeaders.AUTHORIZATION, manager).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"dayLimit": 1e999999999, "nightLimit": 800, "hysteresis": 80, "minimumMinutes": 5, "criticalMargin": 500,
                         "workOrderFrom": "WARNING"}""")
                .exchange()).hasStatus(400).bodyJson().extractingPath("$.detail").asString().contains("dayLimit");
    }

    private String get(String uri, String token, Object... variables) throws Exception {
        var result = mvc.get().uri(uri, variables).header(HttpHeaders.AUTHORIZATION, token).exchange();
        assertThat(result).hasStatusOk();
        return result.getResponse().getContentAsString();
    }

    private void publish(List<EnvironmentObserved> observations) throws Exception {
        for (EnvironmentObserved observation : observations) {
            kafka.send(SensingTopics.ENVIRONMENT_OBSERVATIONS, observation.communityId() + "/" + observation.deviceId(),
                    codec.encode(observation)).get();
        }
    }

    private void awaitProcessed(List<EnvironmentObserved> observations) {
        List<Object> ids = new ArrayList<>(observations.stream().map(EnvironmentObserved::eventId).distinct().toList());
        String placeholders = String.join(", ", Collections.nCopies(ids.size(), "?"));
        int expected = ids.size();
        ids.add(0, EnvironmentMonitor.CONSUMER);
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id IN (" + placeholders + ")",
                Integer.class, ids.toArray()) == expected);
    }

    private AlertRaised alertRaised(String workOrderId) {
        String bootstrap = EmbeddedInfrastructure.shared().kafka().bootstrapServers();
        try (var consumer = new KafkaTestConsumer(bootstrap, OpsTopics.ALERTS)) {
            ConsumerRecord<String, byte[]> record = consumer.await(r -> community.equals(r.key())
                    && codec.decode(r.value(), AlertRaised.class).workOrderId().toString().equals(workOrderId), PATIENCE);
            return codec.decode(record.value(), AlertRaised.class);
        }
    }
}
