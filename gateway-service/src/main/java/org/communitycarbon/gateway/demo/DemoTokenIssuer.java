package org.communitycarbon.gateway.demo;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.communitycarbon.gateway.demo.DemoIssuerProperties.DemoUser;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.model.security.TokenClaims;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;

/** Signs RS256 tokens for the demo users with a key pair made when the gateway starts. */
public final class DemoTokenIssuer {

    private final DemoIssuerProperties settings;
    private final String audience;
    private final Clock clock;
    private final RSAKey key;
    private final NimbusJwtEncoder encoder;

    /** @param audience the platform's audience, which every token carries in {@code aud} */
    DemoTokenIssuer(DemoIssuerProperties settings, String audience, Clock clock) {
        if (settings.password() == null || settings.password().isBlank()) {
            throw new IllegalStateException("platform.demo-issuer.enabled is true but no password is set "
                    + "(platform.demo-issuer.password / DEMO_PASSWORD)");
        }
        this.settings = settings;
        this.audience = audience;
        this.clock = clock;
        this.key = generate();
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(key)));
    }

    private static RSAKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The demo user with these credentials, compared in constant time. */
    Optional<DemoUser> authenticate(String username, String password) {
        boolean passwordMatches = MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                settings.password().getBytes(StandardCharsets.UTF_8));
        return settings.users().stream().filter(u -> u.username().equals(username)).findFirst().filter(u -> passwordMatches);
    }

    IssuedToken issue(DemoUser user) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(settings.issuer())
                .audience(List.of(audience))
                .subject(user.username())
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(settings.tokenValidity()))
                .claim(TokenClaims.ROLES, user.roles().stream().map(Role::name).toList());
        if (user.communityId() != null) {
            claims.claim(TokenClaims.COMMUNITY, user.communityId());
        }
        if (user.householdId() != null) {
            claims.claim(TokenClaims.HOUSEHOLD, user.householdId());
        }
        if (user.streetId() != null) {
            claims.claim(TokenClaims.STREET, user.streetId());
        }
        if (user.partnerId() != null) {
            claims.claim(TokenClaims.PARTNER, user.partnerId());
        }
        if (!user.communityIds().isEmpty()) {
            claims.claim(TokenClaims.COMMUNITIES, user.communityIds());
        }
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build(),
                claims.build())).getTokenValue();
        return new IssuedToken(token, "Bearer", settings.tokenValidity().toSeconds());
    }

    /** The public half of the signing key, as a JWK set for {@code /oauth2/jwks}. */
    Map<String, Object> jwks() {
        return new JWKSet(key.toPublicJWK()).toJSONObject();
    }

    /** Verifies the tokens this issuer signs, for the gateway's own checks. */
    ReactiveJwtDecoder decoder() {
        try {
            return NimbusReactiveJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
        }
        catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token response, shaped like OAuth 2.0's. */
    record IssuedToken(String access_token, String token_type, long expires_in) {
    }
}
