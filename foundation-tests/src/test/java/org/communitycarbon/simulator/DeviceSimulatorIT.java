package org.communitycarbon.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.device.BinStatusMessage;
import org.communitycarbon.model.device.CommandAckMessage;
import org.communitycarbon.model.device.CommandOutcome;
import org.communitycarbon.model.device.ControllerStatusMessage;
import org.communitycarbon.model.device.DeviceMessage;
import org.communitycarbon.model.device.DeviceTopic;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.device.EnvironmentMessage;
import org.communitycarbon.model.device.MeterReadingMessage;
import org.communitycarbon.model.device.ScaleWeighingMessage;
import org.communitycarbon.model.device.PowerState;
import org.communitycarbon.model.device.WasteDepositMessage;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.communitycarbon.infra.MqttAuthority;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The simulator against the real embedded HiveMQ broker, seen by a subscriber as a service would see it. */
class DeviceSimulatorIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private record Received(String topic, byte[] payload, Instant at) {
    }

    private static final String GATEWAY = "gateway/it-court/simulator";
    private static final String GATEWAY_SECRET = "it-court gateway secret";

    private final String brokerUrl = EmbeddedInfrastructure.shared().mqtt().url();
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private final JsonMapper plain = JsonMapper.builder().build();
    private MqttClient subscriber;

    @BeforeEach
    void subscribe() throws MqttException {
        subscriber = new MqttClient(brokerUrl, "simulator-it-subscriber", new MemoryPersistence());
        subscriber.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(new Received(topic, message.getPayload(), Instant.now()));
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setUserName(EmbeddedInfrastructure.shared().mqtt().platformUsername());
        options.setPassword(EmbeddedInfrastructure.shared().mqtt().platformPassword().getBytes(StandardCharsets.UTF_8));
        subscriber.connect(options);
        // the simulator connects as its community's gateway account, confined to the community's device topics
        EmbeddedInfrastructure.shared().mqtt().authorizeDevicesWith(new MqttAuthority() {
            @Override
            public CompletableFuture<Decision> connect(String username, byte[] password, String clientId) {
                boolean valid = username.equals(GATEWAY) && clientId.startsWith(GATEWAY + "/")
                        && GATEWAY_SECRET.equals(new String(password, StandardCharsets.UTF_8));
                return CompletableFuture.completedFuture(valid
                        ? Decision.allow(new Grant(List.of("cc/it-court/+/+/+"), List.of("cmd/it-court/+/+")))
                        : Decision.refuse("BAD_CREDENTIALS"));
            }

            @Override
            public CompletableFuture<Set<String>> inactive(Collection<String> usernames) {
                return CompletableFuture.completedFuture(Set.of());
            }
        });
        subscriber.subscribe("cc/#", 1);
    }

    @AfterEach
    void unsubscribe() throws MqttException {
        EmbeddedInfrastructure.shared().mqtt().authorizeDevicesWith(null);
        subscriber.disconnect();
        subscriber.close();
    }

    @Test
    void publishesEveryKindOfDeviceMessageAndStopsWithoutLeavingThreads() {
        // 18:40 in Shanghai: the evening drop window is open, so bins report deposits right away.
        Instant simulatedStart = LocalDate.now(SHANGHAI).atTime(18, 40).atZone(SHANGHAI).toInstant();
        SimulatorOptions options = SimulatorOptions.builder()
                .mqttUrl(brokerUrl)
                .username(GATEWAY)
                .password(GATEWAY_SECRET)
                .communityId("it-court")
                .speed(600)
                .buildings(2)
                .householdsPerBuilding(8)
                .seed(7)
                .simulatedStart(simulatedStart)
                .build();
        Instant started = Instant.now();
        DeviceSimulator simulator = DeviceSimulator.create(options).start();
        try {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                // a recycling scale weighs pickups' goods when a collector uses it; the simulator books no pickups
                assertThat(deviceTypes()).containsExactlyInAnyOrderElementsOf(EnumSet.complementOf(EnumSet.of(DeviceType.RECYCLING_SCALE)));
                // acknowledgements only answer commands (aLightingControllerHearsItsSchedule…)
                assertThat(messages()).containsExactlyInAnyOrder(DeviceMessage.READING, DeviceMessage.DEPOSIT, DeviceMessage.STATUS);
            });
        }
        finally {
            simulator.close();
        }

        SimulatorCounts counts = simulator.counts();
        // with the energy subsystems: lighting of the paths and of each building (controller and meter), lifts, pumps; and
        // each building's master meter
        assertThat(counts.devices()).isEqualTo(2 * 8 * 3 + 2 + 2 + 2 + 2 + 12 + (1 + 2) * 2 + 1 + 2 + 2);
        assertThat(counts.published()).isPositive();
        assertThat(counts.published(DeviceMessage.DEPOSIT)).isPositive();
        assertThat(counts.rejected()).isZero();

        for (Received message : List.copyOf(received)) {
            DeviceTopic topic = DeviceTopic.parse(message.topic());
            assertThat(topic.communityId()).isEqualTo("it-court");
            Instant observed = readBack(topic, message.payload());
            assertThat(observed).as("dateObserved is the real time of sending").isBetween(started, message.at());
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(simulatorThreads(simulator)).isEmpty());
    }

    @Test
    void aLightingControllerHearsItsScheduleOverMqttAcknowledgesItAndItsMeterFollowsTheLamps() throws Exception {
        // noon in Shanghai: by its factory default (dusk to dawn) the path lighting is off
        Instant simulatedStart = LocalDate.now(SHANGHAI).atTime(12, 0).atZone(SHANGHAI).toInstant();
        SimulatorOptions options = SimulatorOptions.builder().mqttUrl(brokerUrl).username(GATEWAY).password(GATEWAY_SECRET)
                .communityId("it-court").speed(600).buildings(1).householdsPerBuilding(2).seed(7).simulatedStart(simulatedStart)
                .community(community -> community.lightingIgnoreShare(0)).build();
        DeviceSimulator simulator = DeviceSimulator.create(options).start();
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> lightingRegisters().size() >= 3);
            assertThat(perMinute(lightingRegisters())).as("kWh a simulated minute by day, lamps off").isLessThan(0.002);

            UUID on = command("[{\"from\":\"00:00\",\"to\":\"23:59\",\"dimmingPercent\":100}]");
            awaitAck(on);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(lastStatus())
                    .satisfies(status -> assertThat(status.commandId()).isEqualTo(on))
                    .satisfies(status -> assertThat(status.powerState()).isEqualTo(PowerState.ON)));
            int before = lightingRegisters().size();
            await().atMost(Duration.ofSeconds(15)).until(() -> lightingRegisters().size() >= before + 3);
            List<Double> lit = lightingRegisters();
            // 12 kW: 0.2 kWh a simulated minute
            assertThat(perMinute(lit.subList(lit.size() - 3, lit.size()))).isBetween(0.15, 0.25);

            UUID off = command("[]");
            awaitAck(off);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(lastStatus())
                    .satisfies(status -> assertThat(status.commandId()).isEqualTo(off))
                    .satisfies(status -> assertThat(status.powerState()).isEqualTo(PowerState.OFF)));
            int dark = lightingRegisters().size();
            await().atMost(Duration.ofSeconds(15)).until(() -> lightingRegisters().size() >= dark + 3);
            List<Double> unlit = lightingRegisters();
            assertThat(perMinute(unlit.subList(unlit.size() - 3, unlit.size()))).isLessThan(0.002);
            assertThat(simulator.commandsAcknowledged()).isEqualTo(2);
        }
        finally {
            simulator.close();
        }
    }

    /** Publishes a lighting schedule to lc-paths as the platform does, and returns its id. */
    private UUID command(String periods) throws MqttException {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        String json = "{\"commandId\":\"" + id + "\",\"type\":\"LIGHTING_SCHEDULE\",\"issuedAt\":\"" + now + "\",\"expiresAt\":\""
                + now.plusSeconds(300) + "\",\"timeZone\":\"Asia/Shanghai\",\"periods\":" + periods + "}";
        subscriber.publish("cmd/it-court/lighting-controller/lc-paths", json.getBytes(StandardCharsets.UTF_8), 1, false);
        return id;
    }

    private void awaitAck(UUID commandId) {
        await().atMost(Duration.ofSeconds(15)).until(() -> received.stream()
                .filter(message -> message.topic().equals("cc/it-court/lighting-controller/lc-paths/ack"))
                .map(message -> plain.readValue(message.payload(), CommandAckMessage.class))
                .anyMatch(ack -> ack.commandId().equals(commandId) && ack.outcome() == CommandOutcome.ACCEPTED));
    }

    private ControllerStatusMessage lastStatus() {
        List<ControllerStatusMessage> statuses = received.stream()
                .filter(message -> message.topic().equals("cc/it-court/lighting-controller/lc-paths/status"))
                .map(message -> plain.readValue(message.payload(), ControllerStatusMessage.class)).toList();
        assertThat(statuses).isNotEmpty();
        return statuses.get(statuses.size() - 1);
    }

    private List<Double> lightingRegisters() {
        return received.stream().filter(message -> message.topic().equals("cc/it-court/electricity-meter/em-lighting-paths/reading"))
                .map(message -> plain.readValue(message.payload(), MeterReadingMessage.class).totalActiveEnergyImport().doubleValue())
                .toList();
    }

    /** The mean growth of consecutive registers: each is a simulated minute after the one before. */
    private static double perMinute(List<Double> registers) {
        return (registers.get(registers.size() - 1) - registers.get(0)) / (registers.size() - 1);
    }

    private Set<DeviceType> deviceTypes() {
        return received.stream().map(message -> DeviceTopic.parse(message.topic()).deviceType())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DeviceType.class)));
    }

    private Set<DeviceMessage> messages() {
        return received.stream().map(message -> DeviceTopic.parse(message.topic()).message())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DeviceMessage.class)));
    }

    private Instant readBack(DeviceTopic topic, byte[] payload) {
        String json = new String(payload, StandardCharsets.UTF_8);
        return switch (topic.message()) {
            case READING -> topic.deviceType() == DeviceType.ENVIRONMENT_SENSOR
                    ? plain.readValue(json, EnvironmentMessage.class).dateObserved()
                    : plain.readValue(json, MeterReadingMessage.class).dateObserved();
            case DEPOSIT -> plain.readValue(json, WasteDepositMessage.class).dateObserved();
            case STATUS -> topic.deviceType().takesCommands() ? plain.readValue(json, ControllerStatusMessage.class).dateObserved()
                    : plain.readValue(json, BinStatusMessage.class).dateObserved();
            case ACK -> plain.readValue(json, CommandAckMessage.class).dateObserved();
            case WEIGHING -> plain.readValue(json, ScaleWeighingMessage.class).dateObserved();
        };
    }

    private static List<String> simulatorThreads(DeviceSimulator simulator) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("device-simulator") || name.contains(simulator.clientId()))
                .toList();
    }
}
