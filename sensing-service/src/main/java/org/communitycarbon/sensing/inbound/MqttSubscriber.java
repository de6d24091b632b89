package org.communitycarbon.sensing.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The connection to the MQTT broker: connects, subscribes on the shared subscription, reconnects, hands each
 * message to a worker and acknowledges it when the handler says it is safe — and nothing else.
 * <p>
 * Messages are acknowledged (QoS 1, manual acks) only through {@link InboundMessage#done()}, in the order they
 * arrived, as MQTT requires ({@link InOrderAcknowledgements}). Until then the broker keeps each message in this
 * client's session and sends it again after a crash or reconnect. While the handler cannot finish (Kafka
 * down), unacknowledged messages fill the receive-maximum window and the broker stops sending: back-pressure.
 * <p>
 * Work is spread over {@code workers} threads by topic, so one device's messages stay in order while the
 * translation of different devices runs in parallel. Each worker's queue holds the whole receive-maximum
 * window, so handing over never blocks Paho's callback thread.
 * <p>
 * Paho pitfalls handled here: shared subscriptions are served through the client-wide callback (a
 * per-subscription listener is never called for them); the callback thread only hands work over; the
 * subscription is (re)made from our own thread after each connect, never inside {@code connectComplete};
 * in-memory persistence, with the broker session providing redelivery. Manual acks work for QoS 1 only in
 * Paho 1.2.5, so the subscription asks for QoS 1 (the broker downgrades QoS 2 publishes).
 */
public final class MqttSubscriber implements SmartLifecycle, MqttCallback {

    private static final Logger log = LoggerFactory.getLogger(MqttSubscriber.class);
    private static final int QOS = 1;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** What the subscriber hands each message to, on a worker thread. */
    @FunctionalInterface
    public interface Handler {
        void handle(InboundMessage message);
    }

    private final MqttSettings mqtt;
    private final Handler handler;
    private final Clock clock;
    private final AtomicInteger unacknowledged = new AtomicInteger();

    private volatile boolean running;
    private volatile boolean connected;
    private volatile boolean subscribed;
    private @Nullable MqttAsyncClient client;
    private @Nullable InOrderAcknowledgements acknowledgements;
    private final List<ThreadPoolExecutor> workers = new ArrayList<>();
    private @Nullable ScheduledExecutorService scheduler;

    public MqttSubscriber(MqttSettings mqtt, Handler handler, Clock clock) {
        this.mqtt = mqtt;
        this.handler = handler;
        this.clock = clock;
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < mqtt.workers(); i++) {
            workers.add(new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(mqtt.receiveMaximum() + 64),
                    daemon("mqtt-inbound-" + i),
                    // Past the window (QoS 0 publishes are not bounded by it) the callback thread does the work: back-pressure.
                    new ThreadPoolExecutor.CallerRunsPolicy()));
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(daemon("mqtt-connection"));
        try {
            MqttAsyncClient newClient = new MqttAsyncClient(mqtt.url(), mqtt.clientId(), new MemoryPersistence());
            newClient.setManualAcks(true);
            newClient.setCallback(this);
            client = newClient;
            acknowledgements = new InOrderAcknowledgements(newClient);
        }
        catch (MqttException e) {
            throw new IllegalStateException("MQTT client for " + mqtt.url() + " could not be created", e);
        }
        scheduler.execute(() -> connect(Duration.ofMillis(500)));
    }

    private void connect(Duration backoff) {
        MqttAsyncClient current = client;
        if (!running || current == null) {
            return;
        }
        try {
            current.connect(connectionOptions()).waitForCompletion(10_000);
            log.info("Connected to MQTT broker {} as {}", mqtt.url(), mqtt.clientId());
        }
        catch (MqttException e) {
            log.warn("MQTT broker {} not reachable ({}); retrying in {}", mqtt.url(), e.getMessage(), backoff);
            schedule(() -> connect(next(backoff)), backoff);
        }
    }

    private MqttConnectionOptions connectionOptions() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(mqtt.sessionExpiry().toSeconds());
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        options.setKeepAliveInterval(mqtt.keepAliveSeconds());
        options.setReceiveMaximum(mqtt.receiveMaximum());
        if (mqtt.hasCredentials()) {
            options.setUserName(mqtt.username());
            options.setPassword(mqtt.password() == null ? new byte[0] : mqtt.password().getBytes(StandardCharsets.UTF_8));
        }
        return options;
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        connected = true;
        ScheduledExecutorService connection = scheduler;
        if (connection != null && !connection.isShutdown()) {
            connection.execute(this::subscribe);
        }
    }

    private void subscribe() {
        MqttAsyncClient current = client;
        if (!running || current == null) {
            return;
        }
        try {
            current.subscribe(mqtt.subscription(), QOS).waitForCompletion(10_000);
            subscribed = true;
            log.info("Subscribed to {} with QoS {}", mqtt.subscription(), QOS);
        }
        catch (MqttException e) {
            log.warn("Subscribing to {} failed ({}); retrying", mqtt.subscription(), e.getMessage());
            schedule(this::subscribe, Duration.ofSeconds(2));
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        InOrderAcknowledgements acks = acknowledgements;
        if (acks == null || workers.isEmpty()) {
            return;
        }
        InboundMessage inbound = new InboundMessage(topic, message.getPayload(), clock.instant(),
                acks.arrived(message.getId(), message.getQos(), unacknowledged::decrementAndGet));
        unacknowledged.incrementAndGet();
        workers.get(Math.floorMod(topic.hashCode(), workers.size())).execute(() -> {
            if (running) {
                handler.handle(inbound);
            }
        });
    }

    private void schedule(Runnable task, Duration delay) {
        ScheduledExecutorService connection = scheduler;
        if (running && connection != null && !connection.isShutdown()) {
            connection.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static Duration next(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Messages received and not yet acknowledged to the broker. */
    public int unacknowledged() {
        return unacknowledged.get();
    }

    public boolean isConnected() {
        return connected;
    }

    /** Whether the client is connected and its subscription is in place. */
    public boolean isSubscribed() {
        return connected && subscribed;
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        connected = false;
        subscribed = false;
        InOrderAcknowledgements acks = acknowledgements;
        if (acks != null) {
            // The broker sends every unacknowledged message again on the new connection, with new packet ids.
            acks.forgetAll();
        }
        unacknowledged.set(0);
        log.warn("Disconnected from MQTT broker: {}", response);
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        log.warn("MQTT error: {}", exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // This client only subscribes.
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // No enhanced authentication.
    }

    @Override
    public void stop() {
        running = false;
        connected = false;
        ScheduledExecutorService connection = scheduler;
        if (connection != null) {
            connection.shutdownNow();
        }
        for (ThreadPoolExecutor worker : workers) {
            worker.shutdown();
        }
        for (ThreadPoolExecutor worker : workers) {
            try {
                worker.awaitTermination(5, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        MqttAsyncClient current = client;
        if (current != null) {
            try {
                if (current.isConnected()) {
                    current.disconnect(2_000).waitForCompletion(3_000);
                }
            }
            catch (MqttException e) {
                log.debug("MQTT disconnect: {}", e.getMessage());
            }
            finally {
                closeQuietly(current);
            }
        }
    }

    /** Drops the connection without acknowledging anything still in hand, as a crash would. */
    void crash() {
        running = false;
        MqttAsyncClient current = client;
        ScheduledExecutorService connection = scheduler;
        if (connection != null) {
            connection.shutdownNow();
        }
        workers.forEach(ThreadPoolExecutor::shutdownNow);
        if (current != null) {
            try {
                current.disconnectForcibly(0, 100, false);
            }
            catch (MqttException e) {
                log.debug("forced disconnect: {}", e.getMessage());
            }
            closeQuietly(current);
        }
    }

    private static void closeQuietly(MqttAsyncClient current) {
        try {
            current.close(true);
        }
        catch (MqttException e) {
            log.debug("MQTT close: {}", e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after the Kafka producer is ready and stops before it closes. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }
}
