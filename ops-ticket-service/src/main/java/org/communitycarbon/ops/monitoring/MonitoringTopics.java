package org.communitycarbon.ops.monitoring;

import java.util.List;

import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.support.messaging.PlatformKafkaProperties;
import org.communitycarbon.support.messaging.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The topics monitoring reads, with their dead-letter topics, declared so the service can start before their writers. */
@Configuration(proxyBeanMethods = false)
class MonitoringTopics {

    @Bean
    KafkaAdmin.NewTopics monitoringReads(PlatformKafkaProperties settings) {
        return Topics.declare(settings, List.of(), List.of(SensingTopics.ENVIRONMENT_OBSERVATIONS, SensingTopics.METER_READINGS,
                RegistryTopics.COMMUNITIES, RegistryTopics.PLACES));
    }
}
