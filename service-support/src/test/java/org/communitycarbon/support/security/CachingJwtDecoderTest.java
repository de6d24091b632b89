package org.communitycarbon.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class CachingJwtDecoderTest {

    /** The platform's rules are TokenRulesTest's subject; here every verified token passes them. */
    private static final OAuth2TokenValidator<Jwt> ANY = jwt -> OAuth2TokenValidatorResult.success();


    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    private final AtomicInteger verifications = new AtomicInteger();

    /** A decoder that accepts any token but one starting with "forged", and counts its verifications. */
    private JwtDecoder verifying(Instant expiresAt) {
        return token -> {
            verifications.incrementAndGet();
            if (token.startsWith("forged")) {
                throw new BadJwtException("signature does not match");
            }
            return jwtExpiring(token, expiresAt);
        };
    }

    @Test
    void theSameTokenIsVerifiedOnce() {
        var decoder = new CachingJwtDecoder(verifying(NOW.plus(Duration.ofHours(8))), ANY, Clock.fixed(NOW, ZoneOffset.UTC));

        Jwt first = decoder.decode("token-a");
        Jwt second = decoder.decode("token-a");
        decoder.decode("token-b");

        assertThat(second).isSameAs(first);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenThatFailedIsVerifiedAgainEachTime() {
        var decoder = new CachingJwtDecoder(verifying(NOW.plus(Duration.ofHours(8))), ANY, Clock.fixed(NOW, ZoneOffset.UTC));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> decoder.decode("forged-token")).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRememberedTokenIsNeverUsedPastItsExpiry() {
        var clock = new MutableClock(NOW);
        var decoder = new CachingJwtDecoder(verifying(NOW.plusSeconds(30)), ANY, clock);
        decoder.decode("token-a");

        clock.now = NOW.plusSeconds(31);
        decoder.decode("token-a");

        assertThat(verifications).as("verified again after exp, where the real decoder refuses it").hasValue(2);
    }

    @Test
    void entriesLiveUntilExpiryAtMostFiveMinutes() {
        assertThat(CachingJwtDecoder.timeToLive(jwtExpiring("t", NOW.plusSeconds(30)), NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(CachingJwtDecoder.timeToLive(jwtExpiring("t", NOW.plus(Duration.ofHours(8))), NOW)).isEqualTo(Duration.ofMinutes(5));
        assertThat(CachingJwtDecoder.timeToLive(jwtExpiring("t", NOW.minusSeconds(1)), NOW)).isEqualTo(Duration.ZERO);
    }

    private static Jwt jwtExpiring(String token, Instant expiresAt) {
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("resident").issuedAt(NOW.minusSeconds(60))
                .expiresAt(expiresAt).build();
    }

    private static final class MutableClock extends Clock {

        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
