package org.communitycarbon.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import reactor.core.publisher.Mono;

/**
 * Buckets in Redis, shared by every gateway replica: Bucket4j's compare-and-swap buckets over one Lettuce
 * connection, used asynchronously (a request waits for Redis without holding a thread). Each bucket key expires
 * once its bucket would be full again. If Redis does not answer within {@code timeout}, or is down, the request is
 * let through and a warning logged (at most one a minute): the limiter protects the platform, it must not stop it.
 */
final class RedisRateLimitStore implements RateLimitStore {

    static final String KEY_PREFIX = "community-carbon:rate-limit:";

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimitStore.class);
    private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final AsyncProxyManager<String> buckets;
    private final Duration period;
    private final Duration timeout;
    private final Map<Long, BucketConfiguration> configurations = new ConcurrentHashMap<>();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    RedisRateLimitStore(String redisUrl, @Nullable String password, Duration period, Duration timeout) {
        this.period = period;
        this.timeout = timeout;
        RedisURI uri = RedisURI.create(redisUrl);
        if (password != null && !password.isEmpty()) {
            uri.setPassword(password.toCharArray());
        }
        uri.setTimeout(timeout);
        this.client = RedisClient.create(uri);
        // While Redis is away, fail at once instead of queueing commands: the request is then let through.
        client.setOptions(ClientOptions.builder().disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        this.connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        this.buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build()
                .asAsync();
    }

    @Override
    public Mono<Long> tryConsume(String key, long capacity) {
        BucketConfiguration configuration = configurations.computeIfAbsent(capacity, c -> BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(c).refillGreedy(c, period))
                .build());
        return Mono.fromFuture(() -> buckets.builder().build(KEY_PREFIX + key, configuration).tryConsumeAndReturnRemaining(1))
                .timeout(timeout)
                .map(RedisRateLimitStore::wait)
                .onErrorResume(error -> {
                    warn(error);
                    return ALLOWED;
                });
    }

    private static Long wait(ConsumptionProbe probe) {
        return probe.isConsumed() ? 0L : Math.max(1, probe.getNanosToWaitForRefill());
    }

    private void warn(Throwable error) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn("Redis did not count a request; letting requests through uncounted until it does: {}", error.toString());
        }
    }

    @Override
    public void close() {
        connection.close();
        // nothing is left to flush once the connection is closed: no quiet period
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
