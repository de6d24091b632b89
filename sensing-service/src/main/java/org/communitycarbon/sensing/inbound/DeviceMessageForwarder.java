package org.communitycarbon.sensing.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.sensing.inbound.DeviceMessageTranslator.Accepted;
import org.communitycarbon.sensing.inbound.DeviceMessageTranslator.Rejected;
import org.communitycarbon.sensing.inbound.DeviceMessageTranslator.Translation;
import org.communitycarbon.support.messaging.DeadLetters;
import org.communitycarbon.support.messaging.EventCodec;
import org.springframework.kafka.core.KafkaTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Forwards each device message to Kafka: the event it reports, keyed {@code communityId/deviceId}, or the
 * original bytes to {@value SensingTopics#MQTT_DEAD_LETTERS} with the reason. The message is released to the
 * broker only once Kafka has acknowledged the record; a record Kafka does not take is sent again with back-off,
 * so an outage holds messages (and, through the receive-maximum window, the broker) rather than losing any.
 * <p>
 * Everything that leaves is bounded: a dead letter carries at most {@value DeadLetters#MAX_VALUE_BYTES} bytes of
 * the original and its size; reasons and log lines are cut; metric tags take only validated values (a device
 * type of the device API, or {@code invalid}).
 */
public final class DeviceMessageForwarder implements MqttSubscriber.Handler, AutoCloseable {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final DeviceMessageTranslator translator;
    private final KafkaTemplate<String, byte[]> kafka;
    private final EventCodec codec;
    private final Clock clock;
    private final RejectionLog rejections;
    private final Timer forwardTime;
    private final Counter retries;
    private final Map<DeviceType, Counter> accepted = new EnumMap<>(DeviceType.class);
    private final Map<DeviceType, Counter> rejectedByType = new EnumMap<>(DeviceType.class);
    private final Counter rejectedInvalidTopic;
    private final ScheduledExecutorService resends = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mqtt-kafka-resend");
        thread.setDaemon(true);
        return thread;
    });
    private final AcceptedMessages acceptedMessages;
    private volatile boolean running = true;

    /** Told of every accepted message (device health keeps when each device was last heard). */
    @FunctionalInterface
    public interface AcceptedMessages {

        AcceptedMessages NONE = (accepted, receivedAt) -> { };

        void accepted(Accepted accepted, Instant receivedAt);
    }

    public DeviceMessageForwarder(DeviceMessageTranslator translator, KafkaTemplate<String, byte[]> kafka, EventCodec codec,
            Clock clock, MeterRegistry meters) {
        this(translator, kafka, codec, clock, meters, AcceptedMessages.NONE);
    }

    public DeviceMessageForwarder(DeviceMessageTranslator translator, KafkaTemplate<String, byte[]> kafka, EventCodec codec,
            Clock clock, MeterRegistry meters, AcceptedMessages acceptedMessages) {
        this.acceptedMessages = acceptedMessages;
        this.translator = translator;
        this.kafka = kafka;
        this.codec = codec;
        this.clock = clock;
        this.rejections = new RejectionLog(clock);
        this.forwardTime = Timer.builder("sensing.mqtt.forward")
                .description("From an MQTT message's arrival to Kafka's acknowledgement of its record")
                .register(meters);
        this.retries = Counter.builder("sensing.mqtt.kafka.retries")
                .description("Records resent because Kafka did not take them")
                .register(meters);
        for (DeviceType type : DeviceType.values()) {
            accepted.put(type, messages(meters, "accepted", type.slug()));
            rejectedByType.put(type, messages(meters, "rejected", type.slug()));
        }
        rejectedInvalidTopic = messages(meters, "rejected", "invalid");
    }

    private static Counter messages(MeterRegistry meters, String outcome, String deviceType) {
        return Counter.builder("sensing.mqtt.messages")
                .description("MQTT messages handled, by outcome and device type ('invalid' when the topic names none)")
                .tag("outcome", outcome).tag("deviceType", deviceType).register(meters);
    }

    @Override
    public void handle(InboundMessage message) {
        Translation translation = translator.translate(message.topic(), message.payload(), message.receivedAt());
        ProducerRecord<String, byte[]> record;
        if (translation instanceof Accepted ok) {
            record = new ProducerRecord<>(ok.kafkaTopic(), ok.key(), codec.encode(ok.event()));
            accepted.get(ok.deviceType()).increment();
            acceptedMessages.accepted(ok, message.receivedAt());
        }
        else {
            Rejected rejected = (Rejected) translation;
            record = deadLetter(message, rejected);
            (rejected.deviceType() == null ? rejectedInvalidTopic : rejectedByType.get(rejected.deviceType())).increment();
            rejections.log(message.topic(), rejected.reason());
        }
        send(record, message, Duration.ofMillis(200));
    }

    static ProducerRecord<String, byte[]> deadLetter(InboundMessage message, Rejected rejected) {
        byte[] payload = message.payload();
        byte[] value = payload.length > DeadLetters.MAX_VALUE_BYTES ? Arrays.copyOf(payload, DeadLetters.MAX_VALUE_BYTES) : payload;
        String topic = Require.abbreviate(message.topic(), 512);
        var record = new ProducerRecord<String, byte[]>(SensingTopics.MQTT_DEAD_LETTERS, topic, value);
        record.headers().add(SensingTopics.HEADER_REASON, utf8(rejected.reason()));
        if (rejected.field() != null) {
            record.headers().add(SensingTopics.HEADER_FIELD, utf8(rejected.field()));
        }
        record.headers().add(SensingTopics.HEADER_MQTT_TOPIC, utf8(topic));
        record.headers().add(SensingTopics.HEADER_RECEIVED_AT, utf8(message.receivedAt().toString()));
        if (value.length < payload.length) {
            record.headers().add(DeadLetters.HEADER_ORIGINAL_SIZE, utf8(Integer.toString(payload.length)));
        }
        return record;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Sends until Kafka acknowledges, then releases the MQTT message. */
    private void send(ProducerRecord<String, byte[]> record, InboundMessage message, Duration backoff) {
        if (!running) {
            return;
        }
        try {
            kafka.send(record).whenComplete((result, failure) -> {
                if (failure == null) {
                    message.acknowledge();
                    forwardTime.record(Duration.between(message.receivedAt(), clock.instant()));
                }
                else {
                    resend(record, message, backoff, failure);
                }
            });
        }
        catch (RuntimeException failure) {
            // send() itself can fail (buffer full past max.block.ms, interrupted): same as a failed send.
            resend(record, message, backoff, failure);
        }
    }

    private void resend(ProducerRecord<String, byte[]> record, InboundMessage message, Duration backoff, Throwable failure) {
        if (!running) {
            return;
        }
        retries.increment();
        rejections.warn("Kafka did not take a record for " + record.topic() + " (" + failure.getMessage() + "); resending in " + backoff);
        Duration doubled = backoff.multipliedBy(2);
        resends.schedule(() -> send(record, message, doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled),
                backoff.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        running = false;
        resends.shutdownNow();
    }
}
