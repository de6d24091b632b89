package org.communitycarbon.gateway.ratelimit;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many requests a caller may make through the gateway. Each limit is a token bucket of {@code perUser} (or
 * {@code perAddress}) requests that refills at that many per {@code period}: a caller may spend the whole bucket at
 * once (a dashboard loading its widgets) and then goes on at the refill rate.
 *
 * @param enabled whether requests are counted at all
 * @param store where the counts are kept: this gateway's memory, or Redis, shared by every gateway replica
 * @param redisUrl the Redis to keep counts in with {@code store=redis}, e.g. {@code redis://redis:6379}
 * @param redisPassword its password ({@code requirepass}), if it has one
 * @param redisTimeout how long a request waits for Redis; past it, or with Redis down, the request is let through
 *        (and logged): an outage of the limiter does not become an outage of the platform
 * @param perUser requests per {@code period} of one user (the token's {@code sub}): 600 a minute, 10 a second
 *        sustained, far above what the resident app or the dashboard sends
 * @param perAddress requests per {@code period} from one client address (an IPv6 client's /64): 3,000 a minute, as
 *        many residents may share one address behind a NAT
 * @param period the refill period of both limits
 * @param maxTrackedCallers with the memory store, how many callers' buckets are kept at most (least recently used
 *        go first; a bucket unused for a whole period is full again and is dropped anyway)
 */
@ConfigurationProperties("platform.gateway.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("memory") Store store,
        @Nullable String redisUrl,
        @Nullable String redisPassword,
        @DefaultValue("250ms") Duration redisTimeout,
        @DefaultValue("600") long perUser,
        @DefaultValue("3000") long perAddress,
        @DefaultValue("1m") Duration period,
        @DefaultValue("200000") long maxTrackedCallers) {

    /** Where counts are kept. */
    public enum Store {
        /** In this gateway's memory: one gateway (the local run), or each replica counting on its own. */
        MEMORY,
        /** In Redis: several gateway replicas share the counts. */
        REDIS
    }

    public RateLimitProperties {
        if (perUser < 1 || perAddress < 1) {
            throw new IllegalArgumentException("platform.gateway.rate-limit.per-user and per-address must be at least 1");
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("platform.gateway.rate-limit.period must be positive");
        }
    }
}
