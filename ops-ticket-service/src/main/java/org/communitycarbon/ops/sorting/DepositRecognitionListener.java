package org.communitycarbon.ops.sorting;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.model.sensing.WasteDeposited;
import org.communitycarbon.support.messaging.InboundEvents;
import org.communitycarbon.support.messaging.PlatformKafkaProperties;
import org.communitycarbon.support.messaging.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Reads the sensing service's waste deposits, in a consumer group of its own (every deposit, whatever other ops features
 * read of the topic), and hands each batch to {@link SortingGuidance}.
 */
@Component
class DepositRecognitionListener {

    private final InboundEvents inbound;
    private final SortingGuidance guidance;

    DepositRecognitionListener(InboundEvents inbound, SortingGuidance guidance) {
        this.inbound = inbound;
        this.guidance = guidance;
    }

    @KafkaListener(topics = SensingTopics.WASTE_DEPOSITS, groupId = "${spring.application.name}-sorting")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, WasteDeposited.class, DepositRecognitionListener::check, guidance::record);
    }

    /**
     * What sorting guidance uses of a deposit: the bin, its kind and the kind recognised (optional), the household
     * (optional: an anonymous deposit counts and notifies nobody). Weight and the bin's own judgement are not used.
     */
    static void check(WasteDeposited deposit) {
        Require.readable(deposit.eventId(), deposit.communityId(), deposit.occurredAt());
        Require.identifier(deposit.deviceId(), "deviceId");
        Require.optionalIdentifier(deposit.householdId(), "householdId");
        Require.present(deposit.wasteKind(), "wasteKind");
    }

    /** The topic read, with its dead-letter topic, declared so the service can start before the sensing service. */
    @Bean
    static KafkaAdmin.NewTopics sortingReads(PlatformKafkaProperties settings) {
        return Topics.declare(settings, List.of(), List.of(SensingTopics.WASTE_DEPOSITS));
    }
}
