package org.communitycarbon.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker refuses anonymous clients and wrong passwords, and holds a device to the topics its authority
 * granted: a publish to another device's topic or a subscription to another device's commands is refused, and a
 * revoked account is disconnected.
 */
class BrokerAccessIT {

    private static final String PLATFORM_PASSWORD = MqttBrokerSettings.randomPassword();
    private static final String EM1 = "device/c1/em-1";
    private static final String EM1_SECRET = "em-1 secret";
    /** The broker's data directory, deleted after the class's tests. */
    @TempDir
    static Path work;
    private static EmbeddedMqttBroker broker;
    private static final Set<String> revoked = ConcurrentHashMap.newKeySet();

    private final List<MqttAsyncClient> clients = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedMqttBroker.start(MqttBrokerSettings.on(0, "127.0.0.1").withPlatformAccounts(Map.of("platform", PLATFORM_PASSWORD)),
                work);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void disconnect() throws MqttException {
        broker.authorizeDevicesWith(null);
        revoked.clear();
        for (MqttAsyncClient client : clients) {
            if (client.isConnected()) {
                client.disconnectForcibly(1_000);
            }
            client.close();
        }
    }

    @Test
    void anonymousClientsAndWrongPasswordsAreRefused() {
        broker.authorizeDevicesWith(authority());
        assertThat(refusal(null, null, "anonymous")).isEqualTo(135); // not authorized
        assertThat(refusal("platform", "guess", "platform-guess")).isEqualTo(134); // bad user name or password
        assertThat(refusal(EM1, "guess", EM1)).isEqualTo(134);
        assertThat(refusal(EM1, EM1_SECRET, "platform-sensing")).as("a device taking another client's id").isEqualTo(133);
        assertThat(broker.connectionsRefused()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void devicesAreToldToComeBackWhileNothingCanCheckTheirAccounts() {
        assertThat(refusal(EM1, EM1_SECRET, EM1)).isEqualTo(136); // server unavailable
    }

    @Test
    void aDevicePublishingUnderAnotherDevicesTopicIsDisconnectedAndNothingIsDelivered() throws Exception {
        broker.authorizeDevicesWith(authority());
        List<String> received = new CopyOnWriteArrayList<>();
        MqttAsyncClient platform = connect("platform", PLATFORM_PASSWORD, "platform-sensing", received);
        platform.subscribe("cc/#", 1).waitForCompletion(10_000);

        MqttAsyncClient device = connect(EM1, EM1_SECRET, EM1, null);
        publish(device, "cc/c1/electricity-meter/em-1/reading");
        publishIgnoringTheOutcome(device, "cc/c1/electricity-meter/em-2/reading"); // another device's topic
        await().atMost(Duration.ofSeconds(10)).until(() -> !device.isConnected());

        MqttAsyncClient again = connect(EM1, EM1_SECRET, EM1, null);
        publishIgnoringTheOutcome(again, "cc/c2/electricity-meter/em-1/reading"); // another community
        await().atMost(Duration.ofSeconds(10)).until(() -> !again.isConnected());

        MqttAsyncClient last = connect(EM1, EM1_SECRET, EM1, null);
        publish(last, "cc/c1/electricity-meter/em-1/status");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("cc/c1/electricity-meter/em-1/status"));
        assertThat(received).containsExactly("cc/c1/electricity-meter/em-1/reading", "cc/c1/electricity-meter/em-1/status");
    }

    @Test
    void aDeviceSubscribesOnlyToItsOwnCommands() throws Exception {
        broker.authorizeDevicesWith(authority());
        MqttAsyncClient device = connect(EM1, EM1_SECRET, EM1, null);
        assertThat(subscribe(device, "cmd/c1/electricity-meter/em-1")).isEqualTo(1); // granted QoS 1
        assertThat(subscribe(device, "cmd/c1/electricity-meter/em-2")).isEqualTo(135);
        assertThat(subscribe(device, "cc/#")).as("every device's readings").isEqualTo(135);
        assertThat(subscribe(device, "$share/sensing/cc/#")).as("a share of the platform's subscription").isEqualTo(135);
    }

    @Test
    void aRevokedAccountIsDisconnected() throws Exception {
        broker.authorizeDevicesWith(authority());
        MqttAsyncClient device = connect(EM1, EM1_SECRET, EM1 + "/main", null);
        revoked.add(EM1);
        broker.sweepRevokedAccounts();
        await().atMost(Duration.ofSeconds(10)).until(() -> !device.isConnected());
        assertThat(refusal(EM1, EM1_SECRET, EM1)).isEqualTo(134);
    }

    /** The one device account em-1 of community c1, unless revoked. */
    private static MqttAuthority authority() {
        return new MqttAuthority() {
            @Override
            public CompletableFuture<Decision> connect(String username, byte[] password, String clientId) {
                if (!clientId.equals(username) && !clientId.startsWith(username + "/")) {
                    return CompletableFuture.completedFuture(Decision.refuse("CLIENT_ID_NOT_ALLOWED"));
                }
                boolean valid = username.equals(EM1) && EM1_SECRET.equals(new String(password, StandardCharsets.UTF_8))
                        && !revoked.contains(username);
                return CompletableFuture.completedFuture(valid
                        ? Decision.allow(new Grant(List.of("cc/c1/electricity-meter/em-1/+"), List.of("cmd/c1/electricity-meter/em-1")))
                        : Decision.refuse("BAD_CREDENTIALS"));
            }

            @Override
            public CompletableFuture<Set<String>> inactive(Collection<String> usernames) {
                return CompletableFuture.completedFuture(Set.copyOf(usernames.stream().filter(revoked::contains).toList()));
            }
        };
    }

    private int refusal(@Nullable String username, @Nullable String password, String clientId) {
        try {
            connect(username, password, clientId, null);
            return 0;
        }
        catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    private static void publish(MqttAsyncClient client, String topic) throws MqttException {
        MqttMessage message = new MqttMessage("{}".getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        client.publish(topic, message).waitForCompletion(10_000);
    }

    private static void publishIgnoringTheOutcome(MqttAsyncClient client, String topic) {
        try {
            publish(client, topic);
        }
        catch (MqttException e) {
            // the broker disconnects the client; what Paho makes of the unacknowledged publish does not matter here
        }
    }

    private static int subscribe(MqttAsyncClient client, String filter) throws MqttException {
        IMqttToken token = client.subscribe(filter, 1);
        token.waitForCompletion(10_000);
        return token.getReasonCodes()[0];
    }

    private MqttAsyncClient connect(@Nullable String username, @Nullable String password, String clientId,
            @Nullable List<String> topicsReceived) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(broker.url(), clientId, new MemoryPersistence());
        clients.add(client);
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                if (topicsReceived != null) {
                    topicsReceived.add(topic);
                }
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
        if (username != null) {
            options.setUserName(username);
        }
        if (password != null) {
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        client.connect(options).waitForCompletion(10_000);
        return client;
    }
}
