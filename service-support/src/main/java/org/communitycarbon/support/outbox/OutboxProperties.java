package org.communitycarbon.support.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param batchSize rows sent per round trip
 * @param pollInterval how often the relay looks for rows when no commit woke it
 * @param sendTimeout how long the relay waits for Kafka to acknowledge a batch
 * @param retryInterval pause after a failed batch
 */
@ConfigurationProperties("platform.outbox")
public record OutboxProperties(
        @DefaultValue("500") int batchSize,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("30s") Duration sendTimeout,
        @DefaultValue("2s") Duration retryInterval) {
}
