package org.communitycarbon.support.deadletter;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.communitycarbon.support.messaging.MessagingAutoConfiguration;
import org.communitycarbon.support.messaging.Topics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;

import io.micrometer.core.instrument.MeterRegistry;

/** The dead-letter topics of the topics a service declares it reads, and their admin endpoints. */
@AutoConfiguration(after = MessagingAutoConfiguration.class,
        afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnBean({KafkaTemplate.class, ConsumerFactory.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class DeadLetterAutoConfiguration {

    @Bean
    @SuppressWarnings("unchecked")
    DeadLetterTopics deadLetterTopics(ObjectProvider<KafkaListenerEndpointRegistry> listeners, ConsumerFactory<?, ?> consumers,
            KafkaTemplate<?, ?> kafka, ObjectProvider<RedriveTarget> targets, Environment environment, MeterRegistry meters) {
        // The dead-letter topic of every topic a listener of this service reads, and those its targets name.
        Supplier<Set<String>> topics = () -> {
            Set<String> names = listeners.stream()
                    .flatMap(registry -> registry.getListenerContainers().stream())
                    .flatMap(container -> Arrays.stream(container.getContainerProperties().getTopics() == null ? new String[0]
                            : container.getContainerProperties().getTopics()))
                    .map(Topics::deadLetterTopicOf)
                    .collect(Collectors.toCollection(TreeSet::new));
            targets.orderedStream().forEach(target -> names.addAll(target.deadLetterTopics()));
            return names;
        };
        return new DeadLetterTopics(topics, (ConsumerFactory<String, byte[]>) consumers, (KafkaTemplate<String, byte[]>) kafka,
                targets.orderedStream().toList(), environment.getProperty("spring.application.name", "service"), meters);
    }

    @Bean
    DeadLetterController deadLetterController(DeadLetterTopics deadLetters) {
        return new DeadLetterController(deadLetters);
    }

}
