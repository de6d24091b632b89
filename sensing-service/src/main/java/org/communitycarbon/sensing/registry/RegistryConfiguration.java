package org.communitycarbon.sensing.registry;

import org.apache.kafka.clients.admin.NewTopic;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.support.messaging.PlatformKafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares the registry's topics, which the sensing service writes. They carry state, one record per change of
 * a community, place or device, keyed by what changed, so they are compacted: the latest state of every key
 * stays, and a new reader rebuilds its read model from the beginning of the topic.
 */
@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

    @Bean
    KafkaAdmin.NewTopics registryTopics(PlatformKafkaProperties settings) {
        return new KafkaAdmin.NewTopics(RegistryTopics.ALL.stream()
                .map(topic -> TopicBuilder.name(topic).partitions(settings.partitions()).replicas(settings.replicationFactor())
                        .compact().build())
                .toArray(NewTopic[]::new));
    }
}
