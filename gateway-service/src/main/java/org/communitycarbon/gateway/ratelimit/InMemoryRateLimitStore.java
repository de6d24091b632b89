package org.communitycarbon.gateway.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import reactor.core.publisher.Mono;

/**
 * Buckets in this gateway's memory: a lock-free Bucket4j bucket per caller in a bounded Caffeine cache. Taking a
 * token is a map lookup and a compare-and-set, with no I/O and no blocking, so it costs the request path next to
 * nothing. A bucket unused for a whole period is full again, so it is dropped then; the cache also keeps at most
 * {@code maxTrackedCallers} buckets, dropping the least recently used (a caller forgotten that way starts full).
 */
final class InMemoryRateLimitStore implements RateLimitStore {

    private final Duration period;
    private final Cache<String, Bucket> buckets;

    InMemoryRateLimitStore(Duration period, long maxTrackedCallers) {
        this.period = period;
        this.buckets = Caffeine.newBuilder().maximumSize(maxTrackedCallers).expireAfterAccess(period).build();
    }

    @Override
    public Mono<Long> tryConsume(String key, long capacity) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? ALLOWED : Mono.just(Math.max(1, probe.getNanosToWaitForRefill()));
    }
}
