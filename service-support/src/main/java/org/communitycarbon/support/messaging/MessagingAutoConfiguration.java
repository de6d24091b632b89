package org.communitycarbon.support.messaging;

import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * One dead-letter recoverer and one error handler for every listener of the service: a batch whose
 * processing fails is retried with exponential back-off, then each of its records goes to
 * {@code <topic>-dlt} with the exception in the headers.
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, JacksonAutoConfiguration.class})
@ConditionalOnBean(KafkaTemplate.class)
@EnableConfigurationProperties(PlatformKafkaProperties.class)
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec(JsonMapper jsonMapper) {
        return new EventCodec(jsonMapper);
    }

    @Bean
    @ConditionalOnMissingBean
    DeadLetterPublishingRecoverer deadLetterPublishingRecoverer(KafkaTemplate<?, ?> kafkaTemplate) {
        // Partition -1: let the producer choose, so a dead-letter topic needs no more partitions than it has.
        return new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, exception) -> new TopicPartition(Topics.deadLetterTopicOf(record.topic()), -1));
    }

    @Bean
    @ConditionalOnMissingBean
    CommonErrorHandler kafkaErrorHandler(DeadLetterPublishingRecoverer recoverer, PlatformKafkaProperties settings) {
        var backOff = new ExponentialBackOffWithMaxRetries(settings.retryAttempts());
        backOff.setInitialInterval(settings.retryInitialInterval().toMillis());
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(settings.retryMaxInterval().toMillis());
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(InvalidMessageException.class);
        return handler;
    }

    @Bean
    @ConditionalOnMissingBean
    InboundEvents inboundEvents(EventCodec codec, DeadLetterPublishingRecoverer recoverer, MeterRegistry meters) {
        return new InboundEvents(codec, recoverer, meters);
    }
}
