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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A burst ten times larger than the broker's queue limit, published as fast as the broker acknowledges, while
 * the subscriber takes messages slowly: the broker holds the publishers instead of dropping what it has
 * acknowledged, and every message arrives.
 */
class BrokerBackPressureIT {

    private static final int QUEUE_LIMIT = 1_000;
    private static final int BURST = 10 * QUEUE_LIMIT;
    private static final String PLATFORM_PASSWORD = MqttBrokerSettings.randomPassword();

    /** The broker's data directory, deleted after each test. */
    @TempDir
    Path work;
    private EmbeddedMqttBroker broker;
    private final List<MqttAsyncClient> clients = new ArrayList<>();
    private final ExecutorService slowAcks = Executors.newSingleThreadExecutor();

    @BeforeEach
    void startBroker() throws Exception {
        broker = EmbeddedMqttBroker.start(new MqttBrokerSettings(0, "127.0.0.1", QUEUE_LIMIT, 128 * 1024, 64 * 1024, 1024 * 1024,
                Map.of("platform", PLATFORM_PASSWORD)), work);
        // every device may publish under burst/<its username>
        broker.authorizeDevicesWith(new MqttAuthority() {
            @Override
            public CompletableFuture<Decision> connect(String username, byte[] password, String clientId) {
                return CompletableFuture.completedFuture(Decision.allow(new Grant(List.of("burst/" + username), List.of())));
            }

            @Override
            public CompletableFuture<Set<String>> inactive(Collection<String> usernames) {
                return CompletableFuture.completedFuture(Set.of());
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        for (MqttAsyncClient client : clients) {
            client.disconnectForcibly(1_000);
            client.close();
        }
        slowAcks.shutdownNow();
        broker.close();
    }

    @Test
    void aBurstLargerThanTheQueueLimitIsHeldBackNotDropped() throws Exception {
        Set<String> received = ConcurrentHashMap.newKeySet();
        MqttAsyncClient subscriber = client("platform-test-subscriber");
        subscriber.setManualAcks(true);
        subscriber.setCallback(new Callback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                int id = message.getId();
                slowAcks.execute(() -> {
                    LockSupport.parkNanos(Duration.ofMillis(1).toNanos() / 2); // a subscriber that falls behind
                    received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
                    try {
                        subscriber.messageArrivedComplete(id, 1);
                    }
                    catch (MqttException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(600L);
        options.setReceiveMaximum(500);
        options.setUserName("platform");
        options.setPassword(PLATFORM_PASSWORD.getBytes(StandardCharsets.UTF_8));
        subscriber.connect(options).waitForCompletion(10_000);
        subscriber.subscribe("$share/slow/burst/#", 1).waitForCompletion(10_000);

        List<MqttAsyncClient> publishers = new ArrayList<>();
        List<Semaphore> windows = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            MqttAsyncClient publisher = client("device-" + p);
            MqttConnectionOptions device = new MqttConnectionOptions();
            device.setUserName("device-" + p);
            device.setPassword("device secret".getBytes(StandardCharsets.UTF_8));
            publisher.connect(device).waitForCompletion(10_000);
            publishers.add(publisher);
            windows.add(new Semaphore(10));
        }
        for (int i = 0; i < BURST; i++) {
            int p = i % publishers.size();
            Semaphore window = windows.get(p);
            window.acquire();
            MqttMessage message = new MqttMessage(("m" + i).getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            publishers.get(p).publish("burst/device-" + p, message, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    window.release();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable exception) {
                    window.release();
                }
            });
        }

        await().atMost(Duration.ofMinutes(2)).until(() -> received.size() == BURST);
        assertThat(broker.droppedMessages()).isZero();
        assertThat(broker.publishesHeldTotal()).as("publishes the broker held back").isPositive();
    }

    private MqttAsyncClient client(String id) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(broker.url(), id, new MemoryPersistence());
        clients.add(client);
        return client;
    }

    private abstract static class Callback implements MqttCallback {

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
    }
}
