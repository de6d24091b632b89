package org.communitycarbon.recycling.pickup;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.sensing.ScaleTopics;
import org.communitycarbon.model.sensing.ScaleWeighingReported;
import org.communitycarbon.support.messaging.InboundEvents;
import org.communitycarbon.support.messaging.PlatformKafkaProperties;
import org.communitycarbon.support.messaging.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Reads the connected scales' weighings the sensing service forwards and hands them to {@link ScaleWeighings}, which
 * records each once, in one transaction per batch. A record that is not a readable weighing goes to
 * {@code sensing.scale-weighings-dlt} with the reason, alone; a weighing that cannot be applied is recorded as rejected.
 */
@Component
class ScaleWeighingListener {

    private final InboundEvents inbound;
    private final ScaleWeighings weighings;

    ScaleWeighingListener(InboundEvents inbound, ScaleWeighings weighings) {
        this.inbound = inbound;
        this.weighings = weighings;
    }

    @Bean
    static KafkaAdmin.NewTopics scaleWeighingTopics(PlatformKafkaProperties settings) {
        return Topics.declare(settings, List.of(), List.of(ScaleTopics.SCALE_WEIGHINGS));
    }

    @KafkaListener(topics = ScaleTopics.SCALE_WEIGHINGS)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, ScaleWeighingReported.class, ScaleWeighingListener::check, weighings::record);
    }

    /** What recording a weighing uses: the envelope, the scale, its weighing id, the pickup, the category and the weight. */
    static void check(ScaleWeighingReported weighing) {
        Require.readable(weighing.eventId(), weighing.communityId(), weighing.occurredAt());
        Require.present(weighing.receivedAt(), "receivedAt");
        Require.identifier(weighing.deviceId(), "deviceId");
        Require.identifier(weighing.weighingId(), "weighingId");
        Require.present(weighing.pickupId(), "pickupId");
        ScaleWeighingReported.checkCategory(weighing.category(), "category");
        Require.unit(weighing.weight(), "weight", Unit.KG);
        ScaleWeighingReported.checkWeight(weighing.weight().value(), "weight.value");
    }
}
