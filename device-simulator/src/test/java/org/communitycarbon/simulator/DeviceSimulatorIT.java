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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.device.BinStatusMessage;
import org.communitycarbon.model.device.CommandAckMessage;
import org.communitycarbon.model.device.ControllerStatusMessage;
import org.communitycarbon.model.device.DeviceMessage;
import org.communitycarbon.model.device.DeviceTopic;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.device.EnvironmentMessage;
import org.communitycarbon.model.device.MeterReadingMessage;
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
                assertThat(deviceTypes()).containsExactlyInAnyOrder(DeviceType.values());
                assertThat(messages()).containsExactlyInAnyOrder(DeviceMessage.values());
            });
        }
        finally {
            simulator.close();
        }

        SimulatorCounts counts = simulator.counts();
        assertThat(counts.devices()).isEqualTo(2 * 8 * 3 + 2 + 2 + 2 + 2 + 12);
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
