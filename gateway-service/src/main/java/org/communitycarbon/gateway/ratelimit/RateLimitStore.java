package org.communitycarbon.gateway.ratelimit;

import reactor.core.publisher.Mono;

/** Token buckets by key: takes one request's token from a caller's bucket. */
interface RateLimitStore extends AutoCloseable {

    /** The answer when a token was taken: go on. */
    Mono<Long> ALLOWED = Mono.just(0L);

    /**
     * Takes one token from {@code key}'s bucket, made with {@code capacity} tokens if it is new.
     *
     * @return 0 when the request may go on, else the nanoseconds until a token is there again
     */
    Mono<Long> tryConsume(String key, long capacity);

    @Override
    default void close() {
    }
}
