package org.communitycarbon.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

/** A token must have an expiry, not be expired, and name the platform's issuer and audience. */
class TokenRulesTest {

    private static final String ISSUER = "https://login.example.org/realms/community-carbon";
    private final OAuth2TokenValidator<Jwt> rules = TokenRules.validator(ISSUER, "community-carbon", Duration.ofSeconds(60));
    private final Instant now = Instant.now();

    @Test
    void acceptsATokenOfTheIssuerForThePlatform() {
        assertThat(rules.validate(jwt(Map.of("iss", ISSUER, "aud", List.of("account", "community-carbon"),
                "exp", now.plusSeconds(300)))).hasErrors()).isFalse();
        assertThat(rules.validate(jwt(Map.of("iss", ISSUER, "aud", "community-carbon", "exp", now.plusSeconds(300))))
                .hasErrors()).as("a single audience as a string").isFalse();
    }

    @Test
    void refusesAnotherAudienceAnotherIssuerNoExpiryAndAnExpiredToken() {
        assertThat(rules.validate(jwt(Map.of("iss", ISSUER, "aud", List.of("account"), "exp", now.plusSeconds(300)))).hasErrors())
                .as("another application's token").isTrue();
        assertThat(rules.validate(jwt(Map.of("iss", ISSUER, "exp", now.plusSeconds(300)))).hasErrors()).as("no audience").isTrue();
        assertThat(rules.validate(jwt(Map.of("iss", "https://evil.example", "aud", "community-carbon", "exp", now.plusSeconds(300))))
                .hasErrors()).as("another issuer").isTrue();
        assertThat(rules.validate(jwt(Map.of("iss", ISSUER, "aud", "community-carbon"))).hasErrors()).as("no expiry").isTrue();
        assertThat(rules.validate(jwt(Map.of("iss", ISSUER, "aud", "community-carbon", "exp", now.minusSeconds(120)))).hasErrors())
                .as("expired beyond the skew").isTrue();
        assertThat(rules.validate(jwt(Map.of("iss", ISSUER, "aud", "community-carbon", "exp", now.minusSeconds(30)))).hasErrors())
                .as("expired within the skew").isFalse();
    }

    private Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("token").header("alg", "RS256").subject("someone").issuedAt(now.minusSeconds(600));
        claims.forEach(builder::claim);
        return builder.build();
    }
}
