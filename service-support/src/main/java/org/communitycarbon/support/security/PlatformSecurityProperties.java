package org.communitycarbon.support.security;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What a token must say to be accepted, beyond its signature.
 *
 * @param rolesClaim where the roles are in the token; a dotted path reaches into nested claims, e.g.
 *        {@code realm_access.roles} for Keycloak
 * @param issuer the {@code iss} every token must carry: the identity provider's issuer URL ({@code JWT_ISSUER});
 *        the service does not start without one
 * @param audience a value the token's {@code aud} must contain ({@code JWT_AUDIENCE}, {@code community-carbon}), so a
 *        token the same provider issued for another application is refused
 * @param clockSkew how far the token's {@code exp} and {@code nbf} may be off this machine's clock
 */
@ConfigurationProperties("platform.security")
public record PlatformSecurityProperties(
        @DefaultValue("roles") String rolesClaim,
        @Nullable String issuer,
        @DefaultValue("community-carbon") String audience,
        @DefaultValue("60s") Duration clockSkew) {

    /** Signature aside, what every token must satisfy: not expired (an {@code exp} is required), this issuer, this audience. */
    public OAuth2TokenValidator<Jwt> tokenValidator() {
        return TokenRules.validator(issuer, audience, clockSkew);
    }

    public PlatformSecurityProperties {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("platform.security.issuer (JWT_ISSUER) must name the issuer of the platform's tokens");
        }
        if (audience.isBlank()) {
            throw new IllegalArgumentException("platform.security.audience (JWT_AUDIENCE) must not be blank");
        }
    }
}
