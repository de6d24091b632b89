package org.communitycarbon.gateway.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * What a token must say to pass the gateway, as the services require it too (service-support's {@code TokenRules}):
 * an expiry, the platform's issuer and the platform's audience.
 *
 * @param rolesClaim where the roles are in the token ({@code JWT_ROLES_CLAIM}; read by the services, and by the
 *        gateway for its principal: {@link PlatformRoles})
 * @param issuer the {@code iss} every token must carry ({@code JWT_ISSUER}); with the demo issuer on and none set,
 *        the demo issuer's own
 * @param audience a value the token's {@code aud} must contain ({@code JWT_AUDIENCE})
 * @param clockSkew how far {@code exp} and {@code nbf} may be off this machine's clock
 */
@ConfigurationProperties("platform.security")
public record TokenSettings(
        @DefaultValue("roles") String rolesClaim,
        @Nullable String issuer,
        @DefaultValue("community-carbon") String audience,
        @DefaultValue("60s") Duration clockSkew) {

    /** The rules for tokens of {@code trustedIssuer}. */
    public OAuth2TokenValidator<Jwt> validator(String trustedIssuer) {
        return new DelegatingOAuth2TokenValidator<>(
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtTimestampValidator(clockSkew),
                new JwtIssuerValidator(trustedIssuer),
                new JwtClaimValidator<Object>(JwtClaimNames.AUD, aud -> aud instanceof Collection<?> values
                        ? values.contains(audience) : audience.equals(aud)));
    }
}
