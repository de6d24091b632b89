package org.communitycarbon.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.communitycarbon.gateway.demo.AuthorizationCodes.Refusal;
import org.communitycarbon.gateway.demo.DemoIssuerProperties.DemoUser;
import org.communitycarbon.model.security.Role;
import org.junit.jupiter.api.Test;

/** The demo issuer's authorization codes: single use, bound to what they were issued for, and never too many. */
class AuthorizationCodesTest {

    static final DemoUser RESIDENT = new DemoUser("resident", List.of(Role.RESIDENT), "maple-court", "b01-0101", null, List.of(), null);
    static final String REDIRECT = "http://localhost:8080/";
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    /** RFC 7636 appendix B's example pair. */
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Test
    void computesTheS256ChallengeAsRfc7636AppendixB() {
        assertThat(AuthorizationCodes.s256(VERIFIER)).isEqualTo(CHALLENGE);
    }

    @Test
    void refusesNewCodesWhileTheLimitIsPendingUntilSomeExpire() {
        Instant start = Instant.parse("2025-06-01T08:00:00Z");
        AuthorizationCodes codes = new AuthorizationCodes(Duration.ofSeconds(60), 2, Clock.fixed(start, ZoneOffset.UTC));
        String first = codes.issue(RESIDENT, "web", REDIRECT, CHALLENGE).orElseThrow();
        codes.issue(RESIDENT, "web", REDIRECT, CHALLENGE).orElseThrow();
        assertThat(codes.issue(RESIDENT, "web", REDIRECT, CHALLENGE)).isEmpty();

        assertThat(codes.redeem(first, "web", REDIRECT, VERIFIER).user()).contains(RESIDENT);
        assertThat(codes.issue(RESIDENT, "web", REDIRECT, CHALLENGE)).as("a traded code frees its place").isPresent();

        AuthorizationCodes later = new AuthorizationCodes(Duration.ofSeconds(60), 1, new Clock() {
            private Instant now = start;

            @Override
            public Instant instant() {
                Instant current = now;
                now = now.plusSeconds(61);
                return current;
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        });
        later.issue(RESIDENT, "web", REDIRECT, CHALLENGE).orElseThrow();
        assertThat(later.issue(RESIDENT, "web", REDIRECT, CHALLENGE)).as("the expired code is dropped for it").isPresent();
        assertThat(later.pending()).isEqualTo(1);
    }

    @Test
    void tradesACodeOnceForItsOwnClientRedirectAndVerifier() {
        AuthorizationCodes codes = new AuthorizationCodes(Duration.ofSeconds(60), 10, Clock.systemUTC());
        String code = codes.issue(RESIDENT, "web", REDIRECT, CHALLENGE).orElseThrow();
        assertThat(codes.redeem(code, "other", REDIRECT, VERIFIER).refusal()).contains(Refusal.OTHER_CLIENT);
        assertThat(codes.redeem(code, "web", REDIRECT, VERIFIER).refusal()).as("gone after any attempt").contains(Refusal.UNKNOWN);

        String another = codes.issue(RESIDENT, "web", REDIRECT, CHALLENGE).orElseThrow();
        assertThat(codes.redeem(another, "web", REDIRECT, VERIFIER.replace('d', 'e')).refusal()).contains(Refusal.WRONG_VERIFIER);
        String third = codes.issue(RESIDENT, "web", REDIRECT, CHALLENGE).orElseThrow();
        assertThat(codes.redeem(third, "web", REDIRECT + "x", VERIFIER).refusal()).contains(Refusal.OTHER_REDIRECT_URI);
        assertThat(codes.pending()).isZero();
    }
}
