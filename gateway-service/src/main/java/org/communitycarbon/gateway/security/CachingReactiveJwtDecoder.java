package org.communitycarbon.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import reactor.core.publisher.Mono;

/**
 * Remembers tokens whose signature and claims were verified, so that the gateway verifies an app's token once
 * and not on each of its calls (RSA verification was most of what the gateway added to a read). An entry lives
 * until its token expires, at most {@link #MAX_AGE}; at most {@link #MAX_TOKENS} are kept, keyed by the whole
 * token, so only the very same signed bytes hit; a token that fails verification — its signature, or the platform's
 * rules of issuer, audience and expiry — is never remembered. The
 * services do the same behind the gateway (service-support's {@code CachingJwtDecoder}).
 */
public final class CachingReactiveJwtDecoder implements ReactiveJwtDecoder {

    static final int MAX_TOKENS = 20_000;
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final ReactiveJwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> rules;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    /**
     * @param rules what a token must satisfy beyond its signature ({@link TokenSettings#validator}), checked before it is
     *        remembered
     */
    CachingReactiveJwtDecoder(ReactiveJwtDecoder delegate, OAuth2TokenValidator<Jwt> rules, Clock clock) {
        this.delegate = delegate;
        this.rules = rules;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> {
                    Instant expiresAt = jwt.getExpiresAt();
                    Duration left = expiresAt == null ? MAX_AGE : Duration.between(clock.instant(), expiresAt);
                    return left.isNegative() ? Duration.ZERO : left.compareTo(MAX_AGE) < 0 ? left : MAX_AGE;
                }))
                .build();
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        Jwt cached = verified(token);
        if (cached != null) {
            return Mono.just(cached);
        }
        return delegate.decode(token).handle((jwt, sink) -> {
            OAuth2TokenValidatorResult result = rules.validate(jwt);
            if (result.hasErrors()) {
                sink.error(new JwtValidationException("The token is not for this platform: " + result.getErrors().stream()
                        .map(error -> error.getDescription()).toList(), result.getErrors()));
                return;
            }
            verified.put(token, jwt);
            sink.next(jwt);
        });
    }

    /**
     * The token, when it was verified here before and has not expired since; {@code null} otherwise (never verified,
     * failed, forgotten or expired), and then only {@link #decode} can tell.
     */
    public @Nullable Jwt verified(String token) {
        Jwt cached = verified.getIfPresent(token);
        return cached != null && (cached.getExpiresAt() == null || clock.instant().isBefore(cached.getExpiresAt())) ? cached : null;
    }
}
