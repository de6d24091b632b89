package org.communitycarbon.sensing.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.infra.MqttAuthority;
import org.communitycarbon.model.audit.AuditTopics;
import org.communitycarbon.model.device.CommandType;
import org.communitycarbon.model.device.DeviceCommandMessage;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.sensing.SensingServiceTest;
import org.communitycarbon.sensing.TestRegistry;
import org.communitycarbon.sensing.credentials.MqttAccounts;
import org.communitycarbon.sensing.registry.DeviceDirectory;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.TestTokens;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
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

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Commands end to end on the real embedded broker: a property manager sets a subsystem's policy over REST, the
 * controller — logged in with its own device account — receives the command on its command topic and answers on its
 * ack topic, and the command's status follows: ACKNOWLEDGED, FAILED, or EXPIRED when no answer comes
 * ({@code sensing.commands.timeout} is 6 s in tests). Controllers are confined to their own topics.
 */
@SensingServiceTest
class DeviceCommandsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LIGHTING_SCHEDULE = """
            {"periods":[{"from":"18:00","to":"23:00","dimmingPercent":100},{"from":"23:00","to":"06:00","dimmingPercent":30}]}""";

    @Autowired
    MockMvc mockMvc;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    DeviceDirectory directory;

    @Autowired
    MqttAccounts accounts;

    @Autowired
    SubsystemPolicies policies;

    @Autowired
    MeterRegistry meters;

    private final EmbeddedInfrastructure infra = EmbeddedInfrastructure.shared();
    private final String community = "cmd-" + UUID.randomUUID().toString().substring(0, 8);
    private final String manager = TestTokens.bearer(TestTokens.propertyManager(community));
    private final String admin = TestTokens.bearer(TestTokens.admin());
    private final List<Controller> connected = new ArrayList<>();

    @BeforeEach
    void registerACommunityWithLightingAndPumps() throws Exception {
        TestRegistry.of(mockMvc, community).meter("em-1", DeviceType.ELECTRICITY_METER, "b01-0101").register(directory);
        subsystem("lighting-paths", "LIGHTING");
        subsystem("lighting-garage", "LIGHTING");
        subsystem("pumps", "WATER_PUMP");
        subsystem("lifts", "LIFT");
        controller("lc-paths", "lighting-controller", "lighting-paths");
        controller("lc-paths-2", "lighting-controller", "lighting-paths");
        controller("lc-garage", "lighting-controller", "lighting-garage");
        controller("pc-pumps", "load-controller", "pumps");
        await().atMost(Duration.ofSeconds(20)).until(() -> directory.find(community, "pc-pumps").isPresent());
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
    void disconnect() {
        connected.forEach(Controller::close);
        infra.mqtt().authorizeDevicesWith(null);
    }

    @Test
    void aLightingScheduleSetByTheManagerReachesTheControllerOverMqttAndItsAcknowledgementSettlesIt() throws Exception {
        Controller paths = connect("lc-paths", "lighting-controller");
        Controller second = connect("lc-paths-2", "lighting-controller");
        try (var audit = new KafkaTestConsumer(infra.kafka().bootstrapServers(), AuditTopics.AUDIT)) {
            JsonNode policy = json(setPolicy("lighting-paths", LIGHTING_SCHEDULE, manager));
            assertThat(policy.get("type").asString()).isEqualTo("LIGHTING_SCHEDULE");
            assertThat(policy.get("commandsIssued").asInt()).as("one per controller of the subsystem").isEqualTo(2);
            assertThat(policy.get("setBy").asString()).isEqualTo("manager-" + community);
            audit.await(record -> KafkaTestConsumer.value(record).contains("/subsystems/{id}/policy")
                    && KafkaTestConsumer.value(record).contains(community)
                    && KafkaTestConsumer.value(record).contains("\"subject\":\"manager-" + community + "\""), Duration.ofSeconds(20));
        }

        DeviceCommandMessage command = paths.nextCommand();
        assertThat(command.type()).isEqualTo(CommandType.LIGHTING_SCHEDULE);
        assertThat(command.timeZone()).isEqualTo("Asia/Shanghai");
        assertThat(command.periods()).hasSize(2);
        assertThat(command.periodAt(java.time.LocalTime.of(2, 0)).orElseThrow().dimmingPercent()).isEqualTo(30);
        awaitStatus(command.commandId(), "SENT");

        paths.ack(command.commandId(), "accepted", null);
        JsonNode settled = awaitStatus(command.commandId(), "ACKNOWLEDGED");
        assertThat(settled.get("deviceId").asString()).isEqualTo("lc-paths");
        assertThat(settled.get("sentBy").asString()).isEqualTo("manager-" + community);
        assertThat(settled.get("cause").asString()).isEqualTo("POLICY_SET");
        assertThat(settled.get("finishedAt").isNull()).isFalse();

        DeviceCommandMessage other = second.nextCommand();
        assertThat(other.commandId()).as("each controller its own command").isNotEqualTo(command.commandId());
        assertThat(setPolicy("lighting-paths", LIGHTING_SCHEDULE, manager)).as("the same policy again")
                .bodyJson().extractingPath("$.commandsIssued").isEqualTo(0);
        JsonNode listed = json(mvc.get().uri("/api/sensing/communities/{c}/commands?deviceId=lc-paths", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.streetOffice("s1", community))).exchange());
        assertThat(listed.get("totalItems").asLong()).as("the street office reads the commands too").isEqualTo(1);
    }

    @Test
    void aCommandThatNoControllerAnswersExpires() throws Exception {
        setPolicy("lighting-garage", LIGHTING_SCHEDULE, manager);
        String id = json(mvc.get().uri("/api/sensing/communities/{c}/commands?deviceId=lc-garage", community)
                .header(HttpHeaders.AUTHORIZATION, manager).exchange()).get("items").get(0).get("id").asString();
        JsonNode expired = awaitStatus(UUID.fromString(id), "EXPIRED");
        assertThat(expired.get("finishedAt").asString()).isEqualTo(expired.get("expiresAt").asString());
    }

    @Test
    void aControllerThatRejectsAnOffPeakScheduleFailsItsCommandWithTheReason() throws Exception {
        Controller pumps = connect("pc-pumps", "load-controller");
        setPolicy("pumps", "{\"periods\":[{\"from\":\"23:00\",\"to\":\"07:00\"}]}", manager);
        DeviceCommandMessage command = pumps.nextCommand();
        assertThat(command.type()).isEqualTo(CommandType.OFF_PEAK_SCHEDULE);
        pumps.ack(command.commandId(), "rejected", "tank below minimum level: pumps must run at 12:00");
        JsonNode failed = awaitStatus(command.commandId(), "FAILED");
        assertThat(failed.get("failureReason").asString()).isEqualTo("tank below minimum level: pumps must run at 12:00");
    }

    @Test
    void aMalformedAcknowledgementGoesToTheDeadLetterTopicWithItsReason() throws Exception {
        Controller paths = connect("lc-paths", "lighting-controller");
        paths.publish("ack", "{\"dateObserved\":\"" + Instant.now() + "\",\"outcome\":\"ACCEPTED\"}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                mvc.get().uri("/api/sensing/rejected-messages?communityId={c}", community).header(HttpHeaders.AUTHORIZATION, manager))
                .bodyJson().extractingPath("$.items[0].reason").asString().isEqualTo("commandId: is required"));
        assertThat(mvc.get().uri("/api/sensing/rejected-messages?communityId={c}", community).header(HttpHeaders.AUTHORIZATION, manager))
                .bodyJson().extractingPath("$.items[0].mqttTopic").isEqualTo("cc/" + community + "/lighting-controller/lc-paths/ack");
    }

    @Test
    void acknowledgementsOfUnknownOrForeignCommandsAreIgnoredAndCounted() throws Exception {
        Controller paths = connect("lc-paths", "lighting-controller");
        Controller second = connect("lc-paths-2", "lighting-controller");
        double unknown = ignored("unknown");
        double foreign = ignored("foreign");
        setPolicy("lighting-paths", LIGHTING_SCHEDULE, manager);
        DeviceCommandMessage command = paths.nextCommand();
        second.nextCommand();

        second.ack(command.commandId(), "accepted", null); // its neighbour's command
        paths.ack(UUID.randomUUID(), "accepted", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> ignored("unknown") > unknown && ignored("foreign") > foreign);
        assertThat(json(commandById(command.commandId())).get("status").asString()).as("still awaiting its own controller")
                .isIn("PENDING", "SENT");
        paths.ack(command.commandId(), "accepted", null);
        awaitStatus(command.commandId(), "ACKNOWLEDGED");
    }

    @Test
    void aControllerMaySubscribeOnlyToItsOwnCommandTopicAndAcknowledgeOnlyForItself() throws Exception {
        Controller paths = connect("lc-paths", "lighting-controller");
        assertThat(paths.subscribe("cmd/" + community + "/lighting-controller/lc-garage")).as("another controller's commands")
                .isEqualTo(0x87);
        assertThat(paths.subscribe("cmd/" + community + "/#")).as("everyone's commands").isEqualTo(0x87);
        try {
            paths.publish("cc/" + community + "/lighting-controller/lc-garage/ack",
                    "{\"dateObserved\":\"" + Instant.now() + "\",\"commandId\":\"" + UUID.randomUUID() + "\",\"outcome\":\"ACCEPTED\"}", true);
        }
        catch (IllegalStateException refused) {
            // how Paho reports the refused publish depends on when the broker's disconnect arrives
        }
        await("disconnected for acknowledging as another controller").atMost(Duration.ofSeconds(10)).until(() -> !paths.client.isConnected());

        // Mosquitto (docker-compose) asks the broker hook, which answers from the same rules: acc 2 publish, 4 subscribe
        String username = "device/" + community + "/lc-paths";
        String acl = "{\"username\":\"%s\",\"clientid\":\"%s\",\"topic\":\"%s\",\"acc\":%d}";
        assertThat(hook(acl.formatted(username, username, "cc/" + community + "/lighting-controller/lc-paths/ack", 2))).isEqualTo(200);
        assertThat(hook(acl.formatted(username, username, "cc/" + community + "/lighting-controller/lc-garage/ack", 2))).isEqualTo(403);
        assertThat(hook(acl.formatted(username, username, "cmd/" + community + "/lighting-controller/lc-paths", 4))).isEqualTo(200);
        assertThat(hook(acl.formatted(username, username, "cmd/" + community + "/lighting-controller/lc-garage", 4))).isEqualTo(403);
        assertThat(hook(acl.formatted(username, username, "cmd/" + community + "/lighting-controller/lc-paths", 2)))
                .as("only the platform publishes commands").isEqualTo(403);
    }

    private int hook(String body) {
        return mvc.post().uri("/internal/mqtt/acl").contentType(MediaType.APPLICATION_JSON).content(body).exchange().getResponse()
                .getStatus();
    }

    @Test
    void policiesAreCheckedAndSetOnlyByTheCommunitysPropertyManager() throws Exception {
        assertThat(setPolicy("lighting-paths", "{\"periods\":[{\"from\":\"18:00\",\"to\":\"23:00\"}]}", manager))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyText().contains("periods[0].dimmingPercent");
        assertThat(setPolicy("lighting-paths", "{\"periods\":[{\"from\":\"18:00\",\"to\":\"01:00\",\"dimmingPercent\":80},"
                + "{\"from\":\"00:00\",\"to\":\"05:00\",\"dimmingPercent\":20}]}", manager))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyText().contains("periods[1]: overlaps period 0");
        assertThat(setPolicy("lifts", LIGHTING_SCHEDULE, manager)).hasStatus(HttpStatus.BAD_REQUEST).bodyText()
                .contains("a LIFT subsystem takes no commands");
        assertThat(setPolicy("nowhere", LIGHTING_SCHEDULE, manager)).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(setPolicy("lighting-paths", LIGHTING_SCHEDULE, TestTokens.bearer(TestTokens.staff(community))))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(setPolicy("lighting-paths", LIGHTING_SCHEDULE, TestTokens.bearer(TestTokens.propertyManager("elsewhere"))))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/sensing/communities/{c}/subsystems/lighting-paths/policy", community)
                .header(HttpHeaders.AUTHORIZATION, manager)).as("nothing was set").hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void aControllerAddedAfterThePolicyWasSetIsGivenIt() throws Exception {
        setPolicy("pumps", "{\"periods\":[{\"from\":\"23:00\",\"to\":\"07:00\"}]}", manager);
        controller("pc-pumps-2", "load-controller", "pumps");
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            policies.reconcile(); // which runs every sensing.commands.reconcile-interval
            return json(mvc.get().uri("/api/sensing/communities/{c}/commands?deviceId=pc-pumps-2", community)
                    .header(HttpHeaders.AUTHORIZATION, manager).exchange()).get("totalItems").asLong() == 1;
        });
        JsonNode added = json(mvc.get().uri("/api/sensing/communities/{c}/commands?deviceId=pc-pumps-2", community)
                .header(HttpHeaders.AUTHORIZATION, manager).exchange()).get("items").get(0);
        assertThat(added.get("cause").asString()).isEqualTo("DEVICE_ADDED");
        assertThat(added.get("sentBy").asString()).as("the policy's author").isEqualTo("manager-" + community);
        assertThat(policies.reconcile()).as("given once").isZero();
    }

    // helpers

    private MvcTestResult setPolicy(String subsystem, String body, String token) {
        return mvc.put().uri("/api/sensing/communities/{c}/subsystems/{s}/policy", community, subsystem)
                .header(HttpHeaders.AUTHORIZATION, token).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private MvcTestResult commandById(UUID id) {
        return mvc.get().uri("/api/sensing/communities/{c}/commands/{id}", community, id).header(HttpHeaders.AUTHORIZATION, manager)
                .exchange();
    }

    private JsonNode awaitStatus(UUID id, String status) {
        await("command " + id + " " + status).atMost(Duration.ofSeconds(20))
                .until(() -> status.equals(json(commandById(id)).get("status").asString()));
        return json(commandById(id));
    }

    private double ignored(String reason) {
        var counter = meters.find("sensing.commands.acks").tag("outcome", "ignored").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private void subsystem(String id, String kind) {
        assertThat(mvc.put().uri("/api/sensing/communities/{c}/subsystems/{id}", community, id).header(HttpHeaders.AUTHORIZATION, admin)
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + id + "\",\"kind\":\"" + kind + "\"}"))
                .hasStatus2xxSuccessful();
    }

    private void controller(String id, String type, String subsystem) {
        assertThat(mvc.post().uri("/api/sensing/communities/{c}/devices", community).header(HttpHeaders.AUTHORIZATION, admin)
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"id":"%s","type":"%s","model":"test controller","binding":"ENERGY_SUBSYSTEM","boundId":"%s"}"""
                        .formatted(id, type, subsystem))).hasStatus(HttpStatus.CREATED);
    }

    /** A controller logged in with its own device account, subscribed to its command topic. */
    private Controller connect(String deviceId, String type) throws MqttException {
        MvcTestResult issued = mvc.post().uri("/api/sensing/communities/{c}/mqtt-accounts", community).header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content("{\"kind\":\"device\",\"name\":\"" + deviceId + "\"}").exchange();
        if (issued.getResponse().getStatus() == 409) {
            issued = mvc.post().uri("/api/sensing/communities/{c}/mqtt-accounts/device/{d}/rotation", community, deviceId)
                    .header(HttpHeaders.AUTHORIZATION, manager).exchange();
        }
        JsonNode account = json(issued);
        Controller controller = new Controller(community, type, deviceId, account.get("username").asString(),
                account.get("password").asString(), infra.mqtt().url());
        connected.add(controller);
        assertThat(controller.subscribe("cmd/" + community + "/" + type + "/" + deviceId)).as("its own command topic").isEqualTo(1);
        return controller;
    }

    private static JsonNode json(MvcTestResult result) {
        return JSON.readTree(new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8));
    }

    /** A controller stand-in: receives commands in a queue (never acting in Paho's callback), acknowledges from the test. */
    static final class Controller implements AutoCloseable {

        final MqttClient client;
        private final String topicPrefix;
        private final BlockingQueue<byte[]> commands = new LinkedBlockingQueue<>();

        Controller(String community, String type, String deviceId, String username, String password, String url) throws MqttException {
            this.topicPrefix = "cc/" + community + "/" + type + "/" + deviceId + "/";
            client = new MqttClient(url, username, new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setUserName(username);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
            client.connect(options);
        }

        /** Subscribes at QoS 1; the granted QoS, or the broker's refusal code. */
        int subscribe(String filter) throws MqttException {
            IMqttToken token = client.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                    new org.eclipse.paho.mqttv5.common.MqttSubscription(filter, 1)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(topic, message) -> commands.add(message.getPayload())});
            return token.getReasonCodes()[0];
        }

        DeviceCommandMessage nextCommand() throws InterruptedException {
            byte[] payload = commands.poll(20, TimeUnit.SECONDS);
            assertThat(payload).as("a command on the command topic").isNotNull();
            return JSON.readValue(payload, DeviceCommandMessage.class);
        }

        void ack(UUID commandId, String outcome, String reason) {
            publish("ack", "{\"dateObserved\":\"" + Instant.now() + "\",\"commandId\":\"" + commandId + "\",\"outcome\":\"" + outcome + "\""
                    + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}");
        }

        void publish(String message, String payload) {
            publish(topicPrefix + message, payload, true);
        }

        void publish(String topic, String payload, boolean qos1) {
            try {
                client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos1 ? 1 : 0, false);
            }
            catch (MqttException e) {
                throw new IllegalStateException("publish to " + topic + " failed", e);
            }
        }

        @Override
        public void close() {
            try {
                if (client.isConnected()) {
                    client.disconnect();
                }
                client.close();
            }
            catch (MqttException e) {
                // a test that got the controller disconnected
            }
        }
    }
}
