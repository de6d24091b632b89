package org.communitycarbon.sensing.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.registry.Connectivity;
import org.communitycarbon.model.registry.DeviceStatusChanged;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.sensing.SensingServiceTest;
import org.communitycarbon.sensing.TestRegistry;
import org.communitycarbon.sensing.registry.DeviceDirectory;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.MqttTestClient;
import org.communitycarbon.testing.TestTokens;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SensingServiceTest
class DeviceHealthIT {

    @Autowired
    DeviceHealth health;

    @Autowired
    MockMvc mockMvc;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    DeviceDirectory directory;

    @Autowired
    EventCodec codec;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EmbeddedInfrastructure infra = EmbeddedInfrastructure.shared();
    private final String community = "health-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aSilentMeterGoesOfflineAndComesBackOnlineWhenItSpeaks() throws Exception {
        TestRegistry.of(mockMvc, community)
                .meter("em-1", DeviceType.ELECTRICITY_METER, "b01-0101")
                .meter("em-2", DeviceType.ELECTRICITY_METER, "b01-0102")
                .register(directory);
        Instant tenMinutesAgo = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        health.heard(community, "em-1", DeviceType.ELECTRICITY_METER, tenMinutesAgo, tenMinutesAgo, null);
        health.flush();

        try (var status = new KafkaTestConsumer(infra.kafka().bootstrapServers(), RegistryTopics.DEVICE_STATUS)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                health.check(); // another instance may hold the check's lock for a moment
                return state("em-1").equals("OFFLINE");
            });
            DeviceStatusChanged offline = codec.decode(status.await(r -> (community + "/em-1").equals(r.key()), Duration.ofSeconds(20))
                    .value(), DeviceStatusChanged.class);
            assertThat(offline.connectivity()).isEqualTo(Connectivity.OFFLINE);
            assertThat(offline.lastSeenAt()).isEqualTo(tenMinutesAgo);
            assertThat(offline.deviceType()).isEqualTo("electricity-meter");

            try (var device = MqttTestClient.platform(infra.mqtt())) {
                device.publish("cc/" + community + "/electricity-meter/em-1/reading",
                        "{\"dateObserved\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\",\"totalActiveEnergyImport\":12.5}");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                health.flush();
                return state("em-1").equals("ONLINE");
            });
            ConsumerRecord<String, byte[]> online = status.await(r -> (community + "/em-1").equals(r.key())
                    && codec.decode(r.value(), DeviceStatusChanged.class).connectivity() == Connectivity.ONLINE, Duration.ofSeconds(20));
            assertThat(codec.decode(online.value(), DeviceStatusChanged.class).lastSeenAt()).isAfter(tenMinutesAgo);
        }
        assertThat(state("em-2")).as("a registered meter that never spoke").isEqualTo("NEVER_HEARD");
        // the overview's counts: em-1 online again, em-2 never heard
        assertThat(mvc.get().uri("/api/sensing/communities/{c}/device-health/summary", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community)))).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.devices", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.online", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.offline", v -> v.assertThat().isEqualTo(0))
                .hasPathSatisfying("$.neverHeard", v -> v.assertThat().isEqualTo(1));
    }

    @Test
    void theSummaryCountsOfflineDevicesAndLowBatteries() throws Exception {
        TestRegistry.of(mockMvc, community)
                .meter("em-1", DeviceType.ELECTRICITY_METER, "b01-0101")
                .bin("bin-1", "dp1")
                .bin("bin-2", "dp1")
                .register(directory);
        Instant tenMinutesAgo = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        health.heard(community, "em-1", DeviceType.ELECTRICITY_METER, tenMinutesAgo, tenMinutesAgo, null);
        health.flush();
        try (var bins = MqttTestClient.platform(infra.mqtt())) {
            bins.publish("cc/" + community + "/waste-bin/bin-1/status", "{\"dateObserved\":\""
                    + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\",\"fillingLevel\":0.4,\"batteryLevel\":0.12}");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            health.flush();
            health.check();
            return state("em-1").equals("OFFLINE") && state("bin-1").equals("ONLINE");
        });
        assertThat(mvc.get().uri("/api/sensing/communities/{c}/device-health/summary", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.staff(community)))).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.communityId", v -> v.assertThat().isEqualTo(community))
                .hasPathSatisfying("$.devices", v -> v.assertThat().isEqualTo(3))
                .hasPathSatisfying("$.online", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.offline", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.neverHeard", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.lowBattery", v -> v.assertThat().isEqualTo(1));
        assertThat(mvc.get().uri("/api/sensing/communities/{c}/device-health/summary", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager("elsewhere"))))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void aBinsBatteryLevelIsItsLatestByItsOwnClockAndLowOnesAreListed() throws Exception {
        TestRegistry.of(mockMvc, community).bin("bin-1", "dp1").bin("bin-2", "dp1").register(directory);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (var bins = MqttTestClient.platform(infra.mqtt())) {
            bins.publish("cc/" + community + "/waste-bin/bin-1/status",
                    "{\"dateObserved\":\"" + now + "\",\"fillingLevel\":0.4,\"batteryLevel\":0.12}");
            // an older report arriving later does not overwrite the newer level
            bins.publish("cc/" + community + "/waste-bin/bin-1/status",
                    "{\"dateObserved\":\"" + now.minusSeconds(120) + "\",\"fillingLevel\":0.3,\"batteryLevel\":0.9}");
            bins.publish("cc/" + community + "/waste-bin/bin-2/status",
                    "{\"dateObserved\":\"" + now + "\",\"fillingLevel\":0.4,\"batteryLevel\":0.8}");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            health.flush();
            return item("bin-2", "") != null && item("bin-1", "") != null && item("bin-1", "").get("batteryLevel").isNumber();
        });
        assertThat(item("bin-1", "").get("batteryLevel").decimalValue()).isEqualByComparingTo("0.12");
        assertThat(item("bin-1", "").get("lowBattery").asBoolean()).isTrue();
        assertThat(item("bin-2", "").get("lowBattery").asBoolean()).isFalse();
        assertThat(item("bin-1", "&lowBattery=true")).isNotNull();
        assertThat(item("bin-2", "&lowBattery=true")).as("listed only when low").isNull();
    }

    @Test
    void onlyTheCommunitysPropertyTeamSeesItsDevicesHealth() {
        assertThat(mvc.get().uri("/api/sensing/communities/{c}/device-health", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(community, "b01-0101"))))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/sensing/communities/{c}/device-health", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.streetOffice("east-lake", community))))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/sensing/communities/{c}/device-health", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager("elsewhere"))))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    private @Nullable JsonNode item(String deviceId, String query) {
        var result = mvc.get().uri("/api/sensing/communities/{c}/device-health?size=500" + query, community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.staff(community))).exchange();
        JsonNode body = JSON.readTree(new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8));
        for (JsonNode item : body.get("items")) {
            if (deviceId.equals(item.get("deviceId").asString())) {
                return item;
            }
        }
        return null;
    }

    private String state(String deviceId) {
        var result = mvc.get().uri("/api/sensing/communities/{c}/device-health?size=500", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.staff(community))).exchange();
        JsonNode body = JSON.readTree(new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8));
        for (JsonNode item : body.get("items")) {
            if (deviceId.equals(item.get("deviceId").asString())) {
                return item.get("state").asString();
            }
        }
        return "MISSING";
    }
}
