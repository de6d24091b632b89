package org.communitycarbon.support.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Remembers tokens whose signature and claims were verified, so that an app calling ten times a minute costs one
 * RSA verification, not ten (it was the largest cost of a resident's read). An entry lives until its token
 * expires, at most {@link #MAX_AGE}; the cache holds at most {@link #MAX_TOKENS} and is keyed by the whole
 * token, so only the very same signed bytes hit it. A token that fails verification — its signature, or the
 * platform's {@link TokenRules} — is never remembered.
 */
public final class CachingJwtDecoder implements JwtDecoder {

    static final int MAX_TOKENS = 20_000;
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final JwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> rules;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    /**
     * @param rules what a token must satisfy beyond its signature ({@link TokenRules}), checked before it is remembered
     */
    public CachingJwtDecoder(JwtDecoder delegate, OAuth2TokenValidator<Jwt> rules, Clock clock) {
        this.delegate = delegate;
        this.rules = rules;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> timeToLive(jwt, clock.instant())))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt cached = verified.getIfPresent(token);
        if (cached != null && notExpired(cached, clock.instant())) {
            return cached;
        }
        Jwt jwt = delegate.decode(token);
        OAuth2TokenValidatorResult result = rules.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException("The token is not for this platform: " + result.getErrors().stream()
                    .map(error -> error.getDescription()).toList(), result.getErrors());
        }
        verified.put(token, jwt);
        return jwt;
    }

    /** Until the token expires, at most {@link #MAX_AGE}. */
    public static Duration timeToLive(Jwt jwt, Instant now) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return MAX_AGE;
        }
        Duration left = Duration.between(now, expiresAt);
        return left.isNegative() ? Duration.ZERO : left.compareTo(MAX_AGE) < 0 ? left : MAX_AGE;
    }

    /** The cache's own expiry is approximate; a token is never used past its {@code exp}. */
    public static boolean notExpired(Jwt jwt, Instant now) {
        return jwt.getExpiresAt() == null || now.isBefore(jwt.getExpiresAt());
    }
}
