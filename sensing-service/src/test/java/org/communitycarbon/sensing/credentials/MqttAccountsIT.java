package org.communitycarbon.sensing.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.infra.MqttAuthority;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.sensing.SensingServiceTest;
import org.communitycarbon.sensing.TestRegistry;
import org.communitycarbon.sensing.registry.DeviceDirectory;
import org.communitycarbon.testing.MqttTestClient;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * MQTT accounts over REST — issued with a secret shown once, rotated, revoked, each for the community's property
 * manager only — and the shared embedded broker asking this service about them, as it does in the local run.
 */
@SensingServiceTest
class MqttAccountsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mockMvc;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    DeviceDirectory directory;

    @Autowired
    MqttAccounts accounts;

    private final EmbeddedInfrastructure infra = EmbeddedInfrastructure.shared();
    private final String community = "acct-" + UUID.randomUUID().toString().substring(0, 8);
    private final String manager = TestTokens.bearer(TestTokens.propertyManager(community));
    private String base;

    @BeforeEach
    void register() throws Exception {
        TestRegistry.of(mockMvc, community)
                .meter("em-1", DeviceType.ELECTRICITY_METER, "b01-0101")
                .meter("em-2", DeviceType.ELECTRICITY_METER, "b01-0102")
                .register(directory);
        base = "/api/sensing/communities/" + community + "/mqtt-accounts";
        // the broker asks this service, in-process, what its HTTP hook would answer
        infra.mqtt().authorizeDevicesWith(new MqttAuthority() {
            @Override
            public CompletableFuture<Decision> connect(String username, byte[] password, String clientId) {
                return CompletableFuture.supplyAsync(() -> {
                    MqttAccounts.Decision decision = accounts.connect(username, password, clientId);
                    return decision.allowed() ? Decision.allow(new Grant(decision.permissions().publish(), decision.permissions().subscribe()))
                            : Decision.refuse(String.valueOf(decision.refusal()));
                });
            }

            @Override
            public CompletableFuture<Set<String>> inactive(Collection<String> usernames) {
                return CompletableFuture.supplyAsync(() -> accounts.inactive(usernames));
            }
        });
    }

    @AfterEach
    void forgetTheAuthority() {
        infra.mqtt().authorizeDevicesWith(null);
    }

    @Test
    void aDeviceAccountIsIssuedOnceThenRotatedAndRevoked() {
        MvcTestResult created = create("device", "em-1");
        assertThat(created).hasStatus(HttpStatus.CREATED);
        JsonNode issued = json(created);
        assertThat(issued.get("username").asString()).isEqualTo("device/" + community + "/em-1");
        String first = issued.get("password").asString();
        assertThat(first).hasSize(43);
        assertThat(create("device", "em-1")).as("a second account for the same device").hasStatus(HttpStatus.CONFLICT);

        JsonNode listed = json(mvc.get().uri(base).header(HttpHeaders.AUTHORIZATION, manager).exchange());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).has("password")).isFalse();
        assertThat(listed.get(0).get("revokedAt").isNull()).isTrue();

        String second = json(mvc.post().uri(base + "/device/em-1/rotation").header(HttpHeaders.AUTHORIZATION, manager).exchange())
                .get("password").asString();
        assertThat(second).isNotEqualTo(first);
        String username = "device/" + community + "/em-1";
        assertThat(accounts.connect(username, bytes(first), username).refusal()).isEqualTo(MqttAccounts.Refusal.BAD_CREDENTIALS);
        assertThat(accounts.connect(username, bytes(second), username).allowed()).isTrue();
        assertThat(accounts.connect(username, bytes(second), "device/" + community + "/em-2").refusal())
                .isEqualTo(MqttAccounts.Refusal.CLIENT_ID_NOT_ALLOWED);

        assertThat(json(mvc.delete().uri(base + "/device/em-1").header(HttpHeaders.AUTHORIZATION, manager).exchange())
                .get("revokedAt").isNull()).isFalse();
        assertThat(accounts.connect(username, bytes(second), username).refusal()).isEqualTo(MqttAccounts.Refusal.BAD_CREDENTIALS);
    }

    @Test
    void onlyRegisteredActiveDevicesGetAccounts() {
        assertThat(create("device", "em-9")).hasStatus(HttpStatus.BAD_REQUEST).bodyText().contains("not a registered, active device");
        assertThat(create("sensor", "em-1")).hasStatus(HttpStatus.BAD_REQUEST).bodyText().contains("kind");
        assertThat(create("gateway", "concentrator-1")).hasStatus(HttpStatus.CREATED);
    }

    @Test
    void onlyTheCommunitysPropertyManagerIssuesAccounts() {
        for (String other : new String[] {TestTokens.bearer(TestTokens.propertyManager("elsewhere")), TestTokens.bearer(TestTokens.staff(community)),
                TestTokens.bearer(TestTokens.resident(community, "b01-0101"))}) {
            assertThat(mvc.post().uri(base).header(HttpHeaders.AUTHORIZATION, other).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"kind\":\"gateway\",\"name\":\"mine\"}")).hasStatus(HttpStatus.FORBIDDEN);
        }
        assertThat(mvc.get().uri(base).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.staff(community))))
                .as("staff read the list").hasStatus(HttpStatus.OK);
        assertThat(mvc.post().uri(base).contentType(MediaType.APPLICATION_JSON).content("{\"kind\":\"gateway\",\"name\":\"mine\"}"))
                .hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void theBrokerLetsADevicePublishOnlyUnderItsOwnTopics() {
        String password = json(create("device", "em-1")).get("password").asString();
        String username = "device/" + community + "/em-1";
        assertThatThrownBy(() -> new MqttTestClient(infra.mqtt().url(), username, "wrong", username))
                .as("a wrong secret").isInstanceOf(IllegalStateException.class);
        try (var device = new MqttTestClient(infra.mqtt().url(), username, password, username)) {
            device.publish("cc/" + community + "/electricity-meter/em-1/reading",
                    "{\"dateObserved\":\"2026-01-01T00:00:00Z\",\"totalActiveEnergyImport\":1}");
            try {
                device.publish("cc/" + community + "/electricity-meter/em-2/reading",
                        "{\"dateObserved\":\"2026-01-01T00:00:00Z\",\"totalActiveEnergyImport\":1}");
            }
            catch (IllegalStateException refused) {
                // how Paho reports the refused publish depends on when the disconnect arrives
            }
            await("disconnected for publishing under another device's topic").atMost(Duration.ofSeconds(10))
                    .until(() -> !device.connected());
        }
        mvc.delete().uri(base + "/device/em-1").header(HttpHeaders.AUTHORIZATION, manager).exchange();
        assertThatThrownBy(() -> new MqttTestClient(infra.mqtt().url(), username, password, username))
                .as("a revoked account").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theMosquittoHookAnswersFromTheSameRules() {
        String password = json(create("device", "em-2")).get("password").asString();
        String username = "device/" + community + "/em-2";
        assertThat(hook("/internal/mqtt/user", "{\"username\":\"%s\",\"password\":\"%s\",\"clientid\":\"%s\"}"
                .formatted(username, password, username))).hasStatus(HttpStatus.OK);
        assertThat(hook("/internal/mqtt/user", "{\"username\":\"%s\",\"password\":\"guess\",\"clientid\":\"%s\"}"
                .formatted(username, username))).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(hook("/internal/mqtt/superuser", "{\"username\":\"%s\"}".formatted(username))).hasStatus(HttpStatus.FORBIDDEN);
        String acl = "{\"username\":\"%s\",\"clientid\":\"%s\",\"topic\":\"%s\",\"acc\":%d}";
        assertThat(hook("/internal/mqtt/acl", acl.formatted(username, username, "cc/" + community + "/electricity-meter/em-2/reading", 2)))
                .hasStatus(HttpStatus.OK);
        assertThat(hook("/internal/mqtt/acl", acl.formatted(username, username, "cc/" + community + "/electricity-meter/em-1/reading", 2)))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(hook("/internal/mqtt/acl", acl.formatted(username, username, "cmd/" + community + "/electricity-meter/em-2", 4)))
                .hasStatus(HttpStatus.OK);
        assertThat(hook("/internal/mqtt/acl", acl.formatted(username, username, "cc/#", 4))).hasStatus(HttpStatus.FORBIDDEN);

        String gateway = json(create("gateway", "hub")).get("username").asString();
        mvc.delete().uri(base + "/gateway/hub").header(HttpHeaders.AUTHORIZATION, manager).exchange();
        JsonNode answer = json(hook("/internal/mqtt/active", "{\"usernames\":[\"%s\",\"%s\",\"device/%s/em-9\",\"nonsense\"]}"
                .formatted(username, gateway, community)));
        assertThat(answer.get("inactive").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder(gateway, "device/" + community + "/em-9", "nonsense");
    }

    @Test
    void aConnectedDeviceWhoseAccountIsRevokedIsDisconnected() {
        String password = json(create("device", "em-2")).get("password").asString();
        String username = "device/" + community + "/em-2";
        try (var device = new MqttTestClient(infra.mqtt().url(), username, password, username + "/main")) {
            mvc.delete().uri(base + "/device/em-2").header(HttpHeaders.AUTHORIZATION, manager).exchange();
            infra.mqtt().sweepRevokedAccounts(); // which the broker does every 30 s
            await().atMost(Duration.ofSeconds(10)).until(() -> !device.connected());
        }
    }

    private MvcTestResult create(String kind, String name) {
        return mvc.post().uri(base).header(HttpHeaders.AUTHORIZATION, manager).contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\":\"%s\",\"name\":\"%s\"}".formatted(kind, name)).exchange();
    }

    private MvcTestResult hook(String path, String body) {
        return mvc.post().uri(path).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private static JsonNode json(MvcTestResult result) {
        return JSON.readTree(new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
