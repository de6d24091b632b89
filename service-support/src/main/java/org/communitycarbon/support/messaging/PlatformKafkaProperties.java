package org.communitycarbon.support.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the topics a service declares are created, and how a batch that failed for a passing reason is
 * retried.
 *
 * @param partitions partitions of each topic; the unit of consumer parallelism when scaling out
 * @param replicationFactor replicas of each partition (1 for a single broker, 3 in production)
 * @param retryInitialInterval first back-off after a transient failure (database or Kafka unreachable),
 *        doubled on each retry up to {@code retryMaxInterval}; retries never stop, so an outage delays
 *        records but never dead-letters them
 * @param retryMaxInterval longest back-off
 * @param deadLetterSendTimeout how long a consumer waits for Kafka to take a dead letter before it retries
 *        its batch
 */
@ConfigurationProperties("platform.kafka")
public record PlatformKafkaProperties(
        @DefaultValue("12") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("500ms") Duration retryInitialInterval,
        @DefaultValue("30s") Duration retryMaxInterval,
        @DefaultValue("30s") Duration deadLetterSendTimeout) {
}
