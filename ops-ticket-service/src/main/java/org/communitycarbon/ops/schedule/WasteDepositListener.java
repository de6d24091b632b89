package org.communitycarbon.ops.schedule;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.model.sensing.WasteDeposited;
import org.communitycarbon.support.messaging.InboundEvents;
import org.communitycarbon.support.messaging.PlatformKafkaProperties;
import org.communitycarbon.support.messaging.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Reads the sensing service's waste deposits into {@link DepositCounts}, in a consumer group of its own
 * ({@code ops-ticket-service-offpeak}): only when and where a drop happened is used, never the household.
 */
@Configuration(proxyBeanMethods = false)
class WasteDepositListener {

    private final InboundEvents inbound;
    private final DepositCounts counts;

    WasteDepositListener(InboundEvents inbound, DepositCounts counts) {
        this.inbound = inbound;
        this.counts = counts;
    }

    @KafkaListener(topics = SensingTopics.WASTE_DEPOSITS, groupId = "${spring.application.name}-offpeak")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, WasteDeposited.class, WasteDepositListener::check, counts::record);
    }

    /** What the hourly count uses of a deposit: its id, community and time (tolerant reader: nothing else). */
    static void check(WasteDeposited deposit) {
        Require.readable(deposit.eventId(), deposit.communityId(), deposit.occurredAt());
    }

    /** The topic, with its dead-letter topic, declared so the service can start before the sensing service. */
    @Bean
    static KafkaAdmin.NewTopics offPeakReads(PlatformKafkaProperties settings) {
        return Topics.declare(settings, List.of(), List.of(SensingTopics.WASTE_DEPOSITS));
    }
}
