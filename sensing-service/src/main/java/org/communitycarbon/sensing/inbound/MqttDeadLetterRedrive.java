package org.communitycarbon.sensing.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.sensing.inbound.DeviceMessageTranslator.Accepted;
import org.communitycarbon.sensing.inbound.DeviceMessageTranslator.Rejected;
import org.communitycarbon.sensing.inbound.DeviceMessageTranslator.Translation;
import org.communitycarbon.support.deadletter.RedriveTarget;
import org.communitycarbon.support.messaging.DeadLetters;
import org.communitycarbon.support.messaging.EventCodec;
import org.jspecify.annotations.Nullable;

/**
 * Re-drives refused MQTT messages ({@value SensingTopics#MQTT_DEAD_LETTERS}) after their cause is fixed: each
 * is translated again as if it had just arrived at its original reception time. What is now accepted goes to
 * its event topic; what is still refused goes back to the dead-letter topic with today's reason. A message cut
 * for its size cannot be re-driven.
 */
final class MqttDeadLetterRedrive implements RedriveTarget {

    private final DeviceMessageTranslator translator;
    private final EventCodec codec;

    MqttDeadLetterRedrive(DeviceMessageTranslator translator, EventCodec codec) {
        this.translator = translator;
        this.codec = codec;
    }

    @Override
    public boolean handles(String deadLetterTopic) {
        return SensingTopics.MQTT_DEAD_LETTERS.equals(deadLetterTopic);
    }

    @Override
    public Set<String> deadLetterTopics() {
        return Set.of(SensingTopics.MQTT_DEAD_LETTERS);
    }

    @Override
    public @Nullable ProducerRecord<String, byte[]> redrive(ConsumerRecord<String, byte[]> letter) {
        String topic = text(letter, SensingTopics.HEADER_MQTT_TOPIC);
        String receivedAt = text(letter, SensingTopics.HEADER_RECEIVED_AT);
        if (topic == null || receivedAt == null || letter.value() == null || text(letter, DeadLetters.HEADER_ORIGINAL_SIZE) != null) {
            return null;
        }
        InboundMessage message = new InboundMessage(topic, letter.value(), Instant.parse(receivedAt), () -> {
        });
        Translation translation = translator.translate(topic, letter.value(), message.receivedAt());
        if (translation instanceof Accepted accepted) {
            return new ProducerRecord<>(accepted.kafkaTopic(), accepted.key(), codec.encode(accepted.event()));
        }
        return DeviceMessageForwarder.deadLetter(message, (Rejected) translation);
    }

    private static @Nullable String text(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
