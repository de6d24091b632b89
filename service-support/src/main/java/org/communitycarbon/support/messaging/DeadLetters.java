package org.communitycarbon.support.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.communitycarbon.model.Require;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes a record that can never be processed to its topic's dead-letter topic ({@code <topic>-dlt}),
 * alone, and waits until Kafka has it: a dead letter is never dropped.
 * <p>
 * The dead letter is bounded whatever the original: the value is the original bytes up to
 * {@value #MAX_VALUE_BYTES} bytes (longer ones are cut, with the original size in a header), the reason is at
 * most {@value #MAX_REASON} characters, and there is no stack trace. So the dead letter always fits the
 * topic's message size limit and is never refused, retried forever, or blocking the consumer that sends it.
 * <p>
 * Headers use Spring Kafka's names, so its tools read them: {@code kafka_dlt-exception-message} (the
 * reason), {@code kafka_dlt-exception-fqcn}, {@code kafka_dlt-original-topic}, {@code -partition} (4-byte
 * int), {@code -offset} and {@code -timestamp} (8-byte longs), {@code kafka_dlt-original-consumer-group};
 * plus {@value #HEADER_ORIGINAL_SIZE} when the value was cut.
 */
public final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    /** Values above this are cut: well below Kafka's default 1 MiB record limit, with room for headers. */
    public static final int MAX_VALUE_BYTES = 512 * 1024;
    public static final int MAX_REASON = 500;
    public static final int MAX_KEY_BYTES = 1024;
    /** The original value's size in bytes, as a decimal string, present when the value was cut. */
    public static final String HEADER_ORIGINAL_SIZE = "dlt-original-size";

    private final KafkaTemplate<String, byte[]> kafka;
    private final MeterRegistry meters;
    private final Duration sendTimeout;

    public DeadLetters(KafkaTemplate<String, byte[]> kafka, MeterRegistry meters, Duration sendTimeout) {
        this.kafka = kafka;
        this.meters = meters;
        this.sendTimeout = sendTimeout;
    }

    /**
     * Dead-letters {@code record} with {@code reason}; returns once Kafka acknowledged it.
     *
     * @throws DeadLetterNotStoredException when Kafka does not take it (a transient failure: retry the batch)
     */
    public void send(ConsumerRecord<String, byte[]> record, String reason, @Nullable Throwable cause, @Nullable String group) {
        ProducerRecord<String, byte[]> letter = letter(record, reason, cause, group);
        try {
            kafka.send(letter).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterNotStoredException(letter.topic(), e);
        }
        catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new DeadLetterNotStoredException(letter.topic(), e);
        }
        counter(meters, record.topic(), cause instanceof InvalidMessageException ? "invalid" : "unprocessable").increment();
        log.warn("Dead-lettered {}-{}@{} to {}: {}", record.topic(), record.partition(), record.offset(), letter.topic(),
                Require.abbreviate(reason, MAX_REASON));
    }

    /** The count of dead letters from {@code topic} for {@code cause} ({@code invalid} or {@code unprocessable}). */
    static Counter counter(MeterRegistry meters, String topic, String cause) {
        return Counter.builder("platform.events.dead.lettered")
                .description("Kafka records sent to a dead-letter topic, by original topic and why")
                .tag("topic", topic)
                .tag("cause", cause)
                .register(meters);
    }

    static ProducerRecord<String, byte[]> letter(ConsumerRecord<String, byte[]> record, String reason, @Nullable Throwable cause,
            @Nullable String group) {
        byte[] original = record.value() == null ? new byte[0] : record.value();
        byte[] value = original.length > MAX_VALUE_BYTES ? Arrays.copyOf(original, MAX_VALUE_BYTES) : original;
        String key = record.key() == null ? null : Require.abbreviate(record.key(), MAX_KEY_BYTES / 4);
        var letter = new ProducerRecord<String, byte[]>(Topics.deadLetterTopicOf(record.topic()), null, key, value);
        Headers headers = letter.headers();
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(Require.abbreviate(reason, MAX_REASON)));
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(cause == null ? "" : cause.getClass().getName()));
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(record.topic()));
        headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(Long.BYTES).putLong(record.timestamp()).array());
        if (group != null) {
            headers.add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, utf8(group));
        }
        headers.add("dlt-failed-at", utf8(Instant.now().toString()));
        if (value.length < original.length) {
            headers.add(HEADER_ORIGINAL_SIZE, utf8(Integer.toString(original.length)));
        }
        return letter;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Kafka did not take a dead letter; the record must be processed again later, never dropped. */
    public static final class DeadLetterNotStoredException extends RuntimeException {

        DeadLetterNotStoredException(String topic, Throwable cause) {
            super("Dead letter for " + topic + " was not stored: " + cause.getMessage(), cause);
        }
    }
}
