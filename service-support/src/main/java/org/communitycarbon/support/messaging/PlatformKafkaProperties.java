package org.communitycarbon.support.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the topics a service declares are created, and how failed batches are retried before their
 * records go to the dead-letter topic.
 *
 * @param partitions partitions of each topic; the unit of consumer parallelism when scaling out
 * @param replicationFactor replicas of each partition (1 for a single broker, 3 in production)
 * @param retryAttempts retries of a failed batch before its records are dead-lettered
 * @param retryInitialInterval first back-off, doubled on each retry up to {@code retryMaxInterval}
 * @param retryMaxInterval longest back-off
 */
@ConfigurationProperties("platform.kafka")
public record PlatformKafkaProperties(
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("6") int retryAttempts,
        @DefaultValue("500ms") Duration retryInitialInterval,
        @DefaultValue("15s") Duration retryMaxInterval) {
}
