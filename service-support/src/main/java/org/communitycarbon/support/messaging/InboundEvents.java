package org.communitycarbon.support.messaging;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Decodes a batch of records into events. A record that is not a valid event is published to the
 * topic's dead-letter topic, with the reason in the {@code kafka_dlt-exception-message} header and the
 * original bytes as its value, before the batch goes on; it never stops the consumer.
 */
public final class InboundEvents {

    private static final Logger log = LoggerFactory.getLogger(InboundEvents.class);

    private final EventCodec codec;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final MeterRegistry meters;

    public InboundEvents(EventCodec codec, DeadLetterPublishingRecoverer deadLetters, MeterRegistry meters) {
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.meters = meters;
    }

    /** The valid events of the batch, in order; the rest are dead-lettered synchronously. */
    public <T> List<T> decode(List<ConsumerRecord<String, byte[]>> records, Class<T> type) {
        List<T> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                if (record.value() == null) {
                    throw new InvalidMessageException("record has no value", null, null);
                }
                events.add(codec.decode(record.value(), type));
            }
            catch (InvalidMessageException e) {
                log.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
                deadLetters.accept(record, null, e);
                rejected(record.topic()).increment();
            }
        }
        return events;
    }

    private Counter rejected(String topic) {
        return Counter.builder("platform.events.rejected")
                .description("Kafka records that were not valid events and went to the dead-letter topic")
                .tag("topic", topic)
                .register(meters);
    }
}
