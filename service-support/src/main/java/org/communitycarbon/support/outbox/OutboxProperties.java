package org.communitycarbon.support.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param batchSize rows sent per round
 * @param pollInterval how often the relay looks for rows when no commit woke it
 * @param sendTimeout how long the relay waits for Kafka to acknowledge a round; longer than the producer's
 *        {@code delivery.timeout.ms} is pointless
 * @param retryInterval pause after a round that failed (database or Kafka unreachable)
 * @param lease how long the relay's lease lasts without renewal; another instance takes over after it
 * @param maxAttempts times Kafka may refuse one row while it takes the others before the row is moved to
 *        {@code outbox_dead}
 * @param inboxRetention how long the inbox remembers a processed event id; longer than any redelivery
 * @param roundSpacing the least time between the starts of two rounds woken by commits: a round right after a quiet
 *        moment starts at once, but under a stream of commits each round takes what the commits of the last moment
 *        wrote (one lease renewal, one read, one produce request and one delete for many rows, instead of a round
 *        per commit); the producer's {@code linger.ms} is no use here, as each round flushes
 */
@ConfigurationProperties("platform.outbox")
public record OutboxProperties(
        @DefaultValue("500") int batchSize,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("70s") Duration sendTimeout,
        @DefaultValue("2s") Duration retryInterval,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("30d") Duration inboxRetention,
        @DefaultValue("20ms") Duration roundSpacing) {
}
