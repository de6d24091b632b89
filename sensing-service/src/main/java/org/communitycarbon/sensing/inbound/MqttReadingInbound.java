package org.communitycarbon.sensing.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.sensing.inbound.DeviceMessageTranslator.Accepted;
import org.communitycarbon.sensing.inbound.DeviceMessageTranslator.Rejected;
import org.communitycarbon.sensing.inbound.DeviceMessageTranslator.Translation;
import org.communitycarbon.support.messaging.EventCodec;
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
import org.springframework.kafka.core.KafkaTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Subscribes to every device topic on a shared subscription and forwards each message to Kafka: the event
 * it reports, or the original bytes to {@value SensingTopics#MQTT_DEAD_LETTERS} with the reason.
 * <p>
 * Nothing is lost between the two brokers: the client acknowledges a QoS 1 message (manual acks) only when
 * Kafka has acknowledged the record made of it. Until then the broker keeps the message in this client's
 * session and sends it again after a crash or reconnect; downstream consumers drop the duplicate by its
 * event id. While Kafka is unavailable, records are resent with back-off and the unacknowledged messages
 * fill the receive-maximum window, so the broker stops sending: back-pressure, not loss.
 * <p>
 * Paho pitfalls handled here: shared subscriptions are served through the client-wide callback (a
 * per-subscription listener is never called for them); the callback thread only hands work over; the
 * subscription is (re)made from our own thread after each connect, never inside {@code connectComplete};
 * in-memory persistence, with the broker session providing redelivery. Manual acks work for QoS 1 only
 * in Paho 1.2.5, so the subscription asks for QoS 1 (the broker downgrades QoS 2 publishes).
 */
public final class MqttReadingInbound implements SmartLifecycle, MqttCallback {

    private static final Logger log = LoggerFactory.getLogger(MqttReadingInbound.class);
    private static final int QOS = 1;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final MqttSettings mqtt;
    private final DeviceMessageTranslator translator;
    private final KafkaTemplate<String, byte[]> kafka;
    private final EventCodec codec;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer forwardTime;
    private final AtomicInteger awaitingKafka = new AtomicInteger();
    /** One counter per outcome and device type, looked up once rather than built for every message. */
    private final Map<String, Counter> handled = new ConcurrentHashMap<>();

    private volatile boolean running;
    private volatile boolean connected;
    private volatile boolean subscribed;
    private @Nullable MqttAsyncClient client;
    private @Nullable ThreadPoolExecutor worker;
    private @Nullable ScheduledExecutorService scheduler;

    public MqttReadingInbound(MqttSettings mqtt, DeviceMessageTranslator translator, KafkaTemplate<String, byte[]> kafka,
            EventCodec codec, Clock clock, MeterRegistry meters) {
        this.mqtt = mqtt;
        this.translator = translator;
        this.kafka = kafka;
        this.codec = codec;
        this.clock = clock;
        this.meters = meters;
        this.forwardTime = Timer.builder("sensing.mqtt.forward")
                .description("From an MQTT message's arrival to Kafka's acknowledgement of its record")
                .register(meters);
        Gauge.builder("sensing.mqtt.awaiting.kafka", awaitingKafka, AtomicInteger::get)
                .description("MQTT messages received but not yet acknowledged by Kafka")
                .register(meters);
    }

    @Override
    public void start() {
        running = true;
        // One worker keeps each device's messages in arrival order. Its queue holds the broker's whole
        // receive-maximum window, so handing over never blocks the Paho callback thread.
        worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(mqtt.receiveMaximum() + 64),
                runnable -> daemon(runnable, "mqtt-inbound"),
                // Past the window (QoS 0 publishes are not bounded by it) the callback thread does the work: back-pressure.
                new ThreadPoolExecutor.CallerRunsPolicy());
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "mqtt-inbound-retry"));
        try {
            MqttAsyncClient newClient = new MqttAsyncClient(mqtt.url(), mqtt.clientId(), new MemoryPersistence());
            newClient.setManualAcks(true);
            newClient.setCallback(this);
            client = newClient;
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
        ScheduledExecutorService retries = scheduler;
        if (retries != null && !retries.isShutdown()) {
            retries.execute(this::subscribe);
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
        Instant receivedAt = clock.instant();
        int id = message.getId();
        int qos = message.getQos();
        byte[] payload = message.getPayload();
        awaitingKafka.incrementAndGet();
        ThreadPoolExecutor executor = worker;
        if (executor != null) {
            executor.execute(() -> forward(topic, payload, id, qos, receivedAt));
        }
    }

    private void forward(String topic, byte[] payload, int messageId, int qos, Instant receivedAt) {
        Translation translation = translator.translate(topic, payload, receivedAt);
        ProducerRecord<String, byte[]> record;
        String outcome;
        String deviceType = deviceTypeOf(topic);
        if (translation instanceof Accepted accepted) {
            record = new ProducerRecord<>(accepted.kafkaTopic(), accepted.key(), codec.encode(accepted.event()));
            outcome = "accepted";
        }
        else {
            Rejected rejected = (Rejected) translation;
            record = deadLetter(topic, payload, rejected, receivedAt);
            outcome = "rejected";
            log.info("Rejected MQTT message on {}: {}", topic, rejected.reason());
        }
        handled.computeIfAbsent(outcome + "/" + deviceType, key -> Counter.builder("sensing.mqtt.messages")
                .description("MQTT messages handled, by outcome and device type")
                .tag("outcome", outcome).tag("deviceType", deviceType).register(meters)).increment();
        send(record, messageId, qos, receivedAt, Duration.ofMillis(200));
    }

    private static ProducerRecord<String, byte[]> deadLetter(String topic, byte[] payload, Rejected rejected, Instant receivedAt) {
        var record = new ProducerRecord<String, byte[]>(SensingTopics.MQTT_DEAD_LETTERS, topic, payload);
        record.headers().add(SensingTopics.HEADER_REASON, rejected.reason().getBytes(StandardCharsets.UTF_8));
        if (rejected.field() != null) {
            record.headers().add(SensingTopics.HEADER_FIELD, rejected.field().getBytes(StandardCharsets.UTF_8));
        }
        record.headers().add(SensingTopics.HEADER_MQTT_TOPIC, topic.getBytes(StandardCharsets.UTF_8));
        record.headers().add(SensingTopics.HEADER_RECEIVED_AT, receivedAt.toString().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** Sends until Kafka acknowledges, then acknowledges the MQTT message. */
    private void send(ProducerRecord<String, byte[]> record, int messageId, int qos, Instant receivedAt, Duration backoff) {
        if (!running) {
            return;
        }
        try {
            kafka.send(record).whenComplete((result, failure) -> {
                if (failure == null) {
                    acknowledge(messageId, qos);
                    awaitingKafka.decrementAndGet();
                    forwardTime.record(Duration.between(receivedAt, clock.instant()));
                }
                else {
                    retry(record, messageId, qos, receivedAt, backoff, failure);
                }
            });
        }
        catch (RuntimeException failure) {
            // send() itself can fail (buffer full past max.block.ms, interrupted): same as a failed send.
            retry(record, messageId, qos, receivedAt, backoff, failure);
        }
    }

    private void retry(ProducerRecord<String, byte[]> record, int messageId, int qos, Instant receivedAt, Duration backoff,
            Throwable failure) {
        if (!running) {
            return;
        }
        log.warn("Kafka did not take the record for {} ({}); resending in {}", record.topic(), failure.getMessage(), backoff);
        schedule(() -> send(record, messageId, qos, receivedAt, next(backoff)), backoff);
    }

    private void acknowledge(int messageId, int qos) {
        MqttAsyncClient current = client;
        if (qos == 0 || current == null) {
            return;
        }
        try {
            current.messageArrivedComplete(messageId, qos);
        }
        catch (MqttException e) {
            // Disconnected meanwhile: the broker sends the message again and it is forwarded again;
            // the event id makes the duplicate harmless.
            log.debug("Could not acknowledge MQTT message {}: {}", messageId, e.getMessage());
        }
    }

    private void schedule(Runnable task, Duration delay) {
        ScheduledExecutorService retries = scheduler;
        if (running && retries != null && !retries.isShutdown()) {
            retries.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static Duration next(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }

    private static String deviceTypeOf(String topic) {
        String[] levels = topic.split("/", -1);
        return levels.length == 5 ? levels[2] : "unknown";
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Messages received and not yet acknowledged by Kafka. */
    int awaitingKafka() {
        return awaitingKafka.get();
    }

    /** Whether the client is connected to the broker now. */
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
        ScheduledExecutorService retries = scheduler;
        if (retries != null) {
            retries.shutdownNow();
        }
        ThreadPoolExecutor executor = worker;
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        kafka.flush();
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
        ScheduledExecutorService retries = scheduler;
        if (retries != null) {
            retries.shutdownNow();
        }
        ThreadPoolExecutor executor = worker;
        if (executor != null) {
            executor.shutdownNow();
        }
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
