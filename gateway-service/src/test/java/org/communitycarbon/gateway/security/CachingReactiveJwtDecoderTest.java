package org.communitycarbon.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class CachingReactiveJwtDecoderTest {

    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    private final AtomicInteger verifications = new AtomicInteger();

    /** Accepts any token but one starting with "forged", valid for 8 hours from NOW; counts its verifications. */
    private final ReactiveJwtDecoder verifying = token -> Mono.defer(() -> {
        verifications.incrementAndGet();
        return token.startsWith("forged") ? Mono.error(new BadJwtException("signature does not match"))
                : Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject("resident")
                        .issuedAt(NOW.minusSeconds(60)).expiresAt(NOW.plus(Duration.ofHours(8))).build());
    });

    @Test
    void theSameTokenIsVerifiedOnceAndAFailedOneEachTime() {
        var decoder = new CachingReactiveJwtDecoder(verifying, jwt -> OAuth2TokenValidatorResult.success(), Clock.fixed(NOW, ZoneOffset.UTC));

        Jwt first = decoder.decode("token-a").block();
        assertThat(decoder.decode("token-a").block()).isSameAs(first);
        assertThat(verifications).hasValue(1);

        StepVerifier.create(decoder.decode("forged-token")).expectError(BadJwtException.class).verify();
        StepVerifier.create(decoder.decode("forged-token")).expectError(BadJwtException.class).verify();
        assertThat(verifications).hasValue(3);
    }

    @Test
    void aRememberedTokenIsNeverUsedPastItsExpiry() {
        var decoder = new CachingReactiveJwtDecoder(verifying, jwt -> OAuth2TokenValidatorResult.success(), Clock.fixed(NOW.plus(Duration.ofHours(9)), ZoneOffset.UTC));

        decoder.decode("token-a").block();
        decoder.decode("token-a").block();

        assertThat(verifications).as("an expired token is verified (and refused by the real decoder) every time").hasValue(2);
    }
}
