package org.communitycarbon.gateway.ratelimit;

import org.communitycarbon.gateway.ratelimit.RateLimitProperties.Store;
import org.communitycarbon.gateway.security.Problems;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rate limits ({@code platform.gateway.rate-limit.*}): one store, in memory or in Redis, and the two filters
 * that count against it. On unless {@code platform.gateway.rate-limit.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "platform.gateway.rate-limit.enabled", matchIfMissing = true)
class RateLimitConfiguration {

    /** Closed when the gateway stops (the Redis connection). */
    @Bean
    RateLimitStore rateLimitStore(RateLimitProperties settings) {
        if (settings.store() == Store.REDIS) {
            if (settings.redisUrl() == null || settings.redisUrl().isBlank()) {
                throw new IllegalStateException("platform.gateway.rate-limit.store is redis but no "
                        + "platform.gateway.rate-limit.redis-url (GATEWAY_RATE_LIMIT_REDIS_URL) is set");
            }
            return new RedisRateLimitStore(settings.redisUrl(), settings.redisPassword(), settings.period(), settings.redisTimeout());
        }
        return new InMemoryRateLimitStore(settings.period(), settings.maxTrackedCallers());
    }

    @Bean
    RateLimitFilter addressRateLimitFilter(RateLimitStore store, RateLimitProperties settings, Problems problems) {
        return RateLimitFilter.perAddress(store, settings.perAddress(), problems);
    }

    @Bean
    RateLimitFilter userRateLimitFilter(RateLimitStore store, RateLimitProperties settings, Problems problems) {
        return RateLimitFilter.perUser(store, settings.perUser(), problems);
    }
}
