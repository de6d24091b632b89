package org.communitycarbon.support.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.communitycarbon.model.Require;
import org.communitycarbon.support.messaging.DeadLetters;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The dead-letter topics a service reads from: how many records each holds, how many wait to be re-driven,
 * the newest of them, and re-driving. Re-driven offsets are committed under the consumer group
 * {@code <application>.redrive}, so a record is re-driven once unless asked again; a re-drive stops at the end
 * offsets it saw when it began, at most {@value #MAX_PER_REDRIVE} records at a time.
 */
public final class DeadLetterTopics {

    static final int MAX_PER_REDRIVE = 50_000;
    static final int NEWEST = 20;
    private static final Duration POLL = Duration.ofMillis(500);

    private final Supplier<Set<String>> topics;
    private final ConsumerFactory<String, byte[]> consumers;
    private final KafkaTemplate<String, byte[]> kafka;
    private final List<RedriveTarget> targets;
    private final String group;
    private final MeterRegistry meters;

    public DeadLetterTopics(Supplier<Set<String>> topics, ConsumerFactory<String, byte[]> consumers, KafkaTemplate<String, byte[]> kafka,
            List<RedriveTarget> targets, String application, MeterRegistry meters) {
        this.topics = topics;
        this.consumers = consumers;
        this.kafka = kafka;
        this.targets = List.copyOf(targets);
        this.group = application + ".redrive";
        this.meters = meters;
    }

    public Set<String> topics() {
        return topics.get();
    }

    /**
     * One dead letter, as shown to an admin: where it came from (its Kafka topic, or its MQTT topic for a refused
     * device message) and why, not its content.
     */
    public record Letter(int partition, long offset, @Nullable String source, String reason, @Nullable Instant failedAt,
            int bytes, boolean cut) {
    }

    /** A dead-letter topic's state. */
    public record TopicState(String topic, long records, long waiting, List<Letter> newest) {
    }

    /** What a re-drive did. */
    public record Redriven(String topic, long redriven, long skipped) {
    }

    public TopicState state(String topic) {
        requireKnown(topic);
        try (Consumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
            long records = 0;
            long waiting = 0;
            for (TopicPartition partition : partitions) {
                long from = begin.get(partition);
                long to = end.get(partition);
                OffsetAndMetadata done = committed.get(partition);
                records += to - from;
                waiting += to - Math.max(from, done == null ? from : done.offset());
            }
            return new TopicState(topic, records, waiting, newest(consumer, partitions, begin, end));
        }
    }

    private List<Letter> newest(Consumer<String, byte[]> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> begin,
            Map<TopicPartition, Long> end) {
        consumer.assign(partitions);
        Map<TopicPartition, Long> remaining = new HashMap<>();
        for (TopicPartition partition : partitions) {
            long from = Math.max(begin.get(partition), end.get(partition) - NEWEST);
            consumer.seek(partition, from);
            if (end.get(partition) > from) {
                remaining.put(partition, end.get(partition));
            }
        }
        List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!remaining.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                read.add(record);
            }
            remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        }
        return read.stream().sorted(Comparator.comparingLong(ConsumerRecord<String, byte[]>::timestamp).reversed())
                .limit(NEWEST).map(DeadLetterTopics::letter).toList();
    }

    static Letter letter(ConsumerRecord<String, byte[]> record) {
        String failedAt = text(record, "dlt-failed-at");
        String received = text(record, "received-at");
        String size = text(record, DeadLetters.HEADER_ORIGINAL_SIZE);
        String reason = text(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE);
        if (reason == null) {
            reason = text(record, "dlt-reason");
        }
        String when = failedAt != null ? failedAt : received;
        String source = text(record, KafkaHeaders.DLT_ORIGINAL_TOPIC);
        if (source == null) {
            source = text(record, "mqtt-topic");
        }
        return new Letter(record.partition(), record.offset(), source == null ? null : Require.abbreviate(source, 200),
                Require.abbreviate(reason == null ? "" : reason, DeadLetters.MAX_REASON), when == null ? null : Instant.parse(when),
                size == null ? (record.value() == null ? 0 : record.value().length) : Integer.parseInt(size), size != null);
    }

    /** Republishes what waits in {@code topic} to where it came from, and commits what Kafka took. */
    public synchronized Redriven redrive(String topic) {
        requireKnown(topic);
        RedriveTarget target = targets.stream().filter(t -> t.handles(topic)).findFirst().orElse(ORIGINAL_TOPIC);
        try (Consumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata done = committed.get(partition);
                long from = Math.max(begin.get(partition), done == null ? 0 : done.offset());
                consumer.seek(partition, from);
                if (end.get(partition) > from) {
                    remaining.put(partition, end.get(partition));
                }
            }
            long redriven = 0;
            long skipped = 0;
            List<CompletableFuture<?>> sends = new ArrayList<>();
            Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
            while (!remaining.isEmpty() && redriven + skipped < MAX_PER_REDRIVE) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Long stop = remaining.get(partition);
                    if (stop == null || record.offset() >= stop) {
                        continue;
                    }
                    ProducerRecord<String, byte[]> again = target.redrive(record);
                    if (again == null) {
                        skipped++;
                    }
                    else {
                        sends.add(kafka.send(again));
                        redriven++;
                    }
                    positions.put(partition, new OffsetAndMetadata(record.offset() + 1));
                }
                remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
            kafka.flush();
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            consumer.commitSync(positions);
            Counter.builder("platform.events.redriven").description("Dead letters republished to where they came from")
                    .tag("topic", topic).register(meters).increment(redriven);
            return new Redriven(topic, redriven, skipped);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("re-drive of " + topic + " interrupted", e);
        }
        catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not take the re-driven records of " + topic + "; nothing was committed, "
                    + "re-drive again: " + e.getMessage(), e);
        }
    }

    private void requireKnown(String topic) {
        if (!topics().contains(topic)) {
            throw new org.communitycarbon.support.web.NotFoundException("No dead-letter topic " + Require.abbreviate(topic, 100)
                    + " in this service; known: " + topics().stream().sorted().toList());
        }
    }

    private Consumer<String, byte[]> consumer() {
        return consumers.createConsumer(group, "redrive");
    }

    private static List<TopicPartition> partitions(Consumer<String, byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private static @Nullable String text(ConsumerRecord<String, byte[]> record, String header) {
        Header last = record.headers().lastHeader(header);
        return last == null ? null : new String(last.value(), StandardCharsets.UTF_8);
    }

    /** The default: back to the original topic with the original key and value, unless the value was cut. */
    static final RedriveTarget ORIGINAL_TOPIC = new RedriveTarget() {
        @Override
        public boolean handles(String deadLetterTopic) {
            return true;
        }

        @Override
        public @Nullable ProducerRecord<String, byte[]> redrive(ConsumerRecord<String, byte[]> letter) {
            String original = text(letter, KafkaHeaders.DLT_ORIGINAL_TOPIC);
            if (original == null || letter.headers().lastHeader(DeadLetters.HEADER_ORIGINAL_SIZE) != null) {
                return null;
            }
            var record = new ProducerRecord<String, byte[]>(original, letter.key(), letter.value());
            int redrives = 1;
            Header previous = letter.headers().lastHeader("dlt-redrives");
            if (previous != null && previous.value().length == Integer.BYTES) {
                redrives = ByteBuffer.wrap(previous.value()).getInt() + 1;
            }
            record.headers().add("dlt-redrives", ByteBuffer.allocate(Integer.BYTES).putInt(redrives).array());
            return record;
        }
    };
}
