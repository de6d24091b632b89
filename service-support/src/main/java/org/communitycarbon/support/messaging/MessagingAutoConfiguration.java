package org.communitycarbon.support.messaging;

import java.util.Arrays;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.communitycarbon.model.Require;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The conventions of every Kafka consumer of the platform: {@link InboundEvents} isolates a record that can
 * never be processed and dead-letters it alone ({@link DeadLetters}); everything a listener throws is a
 * passing failure, retried with back-off and without limit by one {@link DefaultErrorHandler}.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class,
        afterName = "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration")
@ConditionalOnBean(KafkaTemplate.class)
@EnableConfigurationProperties(PlatformKafkaProperties.class)
public class MessagingAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MessagingAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec() {
        return EventCodec.create();
    }

    @Bean
    @ConditionalOnMissingBean
    @SuppressWarnings("unchecked")
    DeadLetters deadLetters(KafkaTemplate<?, ?> kafkaTemplate, MeterRegistry meters, PlatformKafkaProperties settings) {
        return new DeadLetters((KafkaTemplate<String, byte[]>) kafkaTemplate, meters, settings.deadLetterSendTimeout());
    }

    /**
     * Retries without limit: only what a listener throws reaches this handler, and {@link InboundEvents} throws
     * only passing failures (it dead-letters what can never be processed itself).
     */
    @Bean
    @ConditionalOnMissingBean
    CommonErrorHandler kafkaErrorHandler(PlatformKafkaProperties settings, MeterRegistry meters) {
        var backOff = new ExponentialBackOff(settings.retryInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(settings.retryMaxInterval().toMillis());
        var handler = new DefaultErrorHandler(backOff);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int attempt) {
                retried(record.topic(), failure, attempt);
            }

            @Override
            public void failedDelivery(ConsumerRecords<?, ?> records, Exception failure, int attempt) {
                retried(records.isEmpty() ? "?" : records.iterator().next().topic(), failure, attempt);
            }

            private void retried(String topic, Exception failure, int attempt) {
                retries(meters, topic).increment();
                log.warn("Processing records of {} failed (attempt {}), retrying: {}", topic, attempt,
                        Require.abbreviate(InboundEvents.describe(failure), 300));
            }
        });
        return handler;
    }

    /**
     * Registers the dead-letter and retry counters of every topic the service reads at zero, once the listeners
     * exist: an alert on their increase then sees the first dead letter too.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> consumerCountersAtZero(ObjectProvider<KafkaListenerEndpointRegistry> listeners,
            MeterRegistry meters) {
        return event -> listeners.ifAvailable(registry -> registry.getListenerContainers().stream()
                .flatMap(container -> Arrays.stream(container.getContainerProperties().getTopics() == null ? new String[0]
                        : container.getContainerProperties().getTopics()))
                .distinct()
                .forEach(topic -> {
                    DeadLetters.counter(meters, topic, "invalid");
                    DeadLetters.counter(meters, topic, "unprocessable");
                    retries(meters, topic);
                }));
    }

    static Counter retries(MeterRegistry meters, String topic) {
        return Counter.builder("platform.events.retries")
                .description("Times a batch was retried after a passing failure (database or Kafka unreachable)")
                .tag("topic", topic).register(meters);
    }

    @Bean
    @ConditionalOnMissingBean
    InboundEvents inboundEvents(EventCodec codec, DeadLetters deadLetters, ObjectProvider<JdbcTemplate> jdbc) {
        return new InboundEvents(codec, deadLetters, () -> jdbc.ifAvailable(template -> template.queryForObject("SELECT 1", Integer.class)));
    }
}
