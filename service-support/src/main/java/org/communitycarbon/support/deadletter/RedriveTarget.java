package org.communitycarbon.support.deadletter;

import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Where a dead letter goes when it is re-driven. The default sends it back to the topic named in its
 * {@code kafka_dlt-original-topic} header, with its key and value; a service registers its own for a
 * dead-letter topic whose records are not Kafka records (the sensing service's refused MQTT messages).
 */
public interface RedriveTarget {

    /** Whether this target re-drives records of {@code deadLetterTopic}. */
    boolean handles(String deadLetterTopic);

    /**
     * Dead-letter topics of this service besides those of the topics its listeners read, for instance one it
     * writes from outside Kafka.
     */
    default Set<String> deadLetterTopics() {
        return Set.of();
    }

    /** The record to publish for {@code letter}, or null if it cannot be re-driven (its value was cut). */
    @Nullable ProducerRecord<String, byte[]> redrive(ConsumerRecord<String, byte[]> letter);
}
