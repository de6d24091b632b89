package org.communitycarbon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.model.security.TokenClaims;
import org.jspecify.annotations.Nullable;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Real RS256 tokens signed with a key pair made for this JVM; services under test trust its public key
 * (see {@link EmbeddedInfrastructureContextCustomizerFactory}). Nothing is mocked: a token goes through the
 * same decoding and checks as in production.
 */
public final class TestTokens {

    private static final KeyPair KEYS = generate();
    private static final Path PUBLIC_KEY = writePublicKey();

    private TestTokens() {
    }

    public static String resident(String communityId, String householdId) {
        return sign("resident-" + householdId, Map.of(TokenClaims.ROLES, List.of(Role.RESIDENT.name()),
                TokenClaims.COMMUNITY, communityId, TokenClaims.HOUSEHOLD, householdId));
    }

    public static String propertyManager(String communityId) {
        return sign("manager-" + communityId, Map.of(TokenClaims.ROLES, List.of(Role.PROPERTY_MANAGER.name()),
                TokenClaims.COMMUNITY, communityId));
    }

    public static String staff(String communityId) {
        return sign("staff-" + communityId, Map.of(TokenClaims.ROLES, List.of(Role.STAFF.name()),
                TokenClaims.COMMUNITY, communityId));
    }

    /** The residents' committee of one community (a {@code community_id} like a property manager's). */
    public static String residentsCommittee(String communityId) {
        return sign("committee-" + communityId, Map.of(TokenClaims.ROLES, List.of(Role.RESIDENTS_COMMITTEE.name()),
                TokenClaims.COMMUNITY, communityId));
    }

    public static String streetOffice(String streetId, String... communityIds) {
        return sign("street-" + streetId, Map.of(TokenClaims.ROLES, List.of(Role.STREET_OFFICE.name()),
                TokenClaims.STREET, streetId, TokenClaims.COMMUNITIES, List.of(communityIds)));
    }

    public static String merchant() {
        return sign("merchant-1", Map.of(TokenClaims.ROLES, List.of(Role.MERCHANT.name())));
    }

    /** A partner platform's machine account, acting for {@code partnerId} (its {@code partner_id} claim). */
    public static String partner(String partnerId) {
        return sign("partner-" + partnerId, Map.of(TokenClaims.ROLES, List.of(Role.PARTNER.name()),
                TokenClaims.PARTNER, partnerId));
    }

    public static String admin() {
        return sign("admin", Map.of(TokenClaims.ROLES, List.of(Role.ADMIN.name())));
    }

    /** A well-formed token signed with a key nobody trusts. */
    public static String signedByStranger() {
        return sign(generate(), "stranger", Map.of(TokenClaims.ROLES, List.of(Role.ADMIN.name())), Duration.ofMinutes(5));
    }

    /** A token of ours that expired five minutes ago, well beyond the clock skew allowed. */
    public static String expired() {
        return sign(KEYS, "late", Map.of(TokenClaims.ROLES, List.of(Role.ADMIN.name())), Duration.ofMinutes(-5));
    }

    /** An admin's token, signed by our key, that another application of the same provider was given. */
    public static String forAnotherAudience() {
        return sign("admin", Map.of(TokenClaims.ROLES, List.of(Role.ADMIN.name()), "aud", List.of("account")));
    }

    /** An admin's token, signed by our key, naming another issuer. */
    public static String ofAnotherIssuer() {
        return sign("admin", Map.of(TokenClaims.ROLES, List.of(Role.ADMIN.name()), "iss", "https://login.elsewhere.invalid"));
    }

    /** An admin's token, signed by our key, that never expires. */
    public static String withoutExpiry() {
        return sign(KEYS, "forever", Map.of(TokenClaims.ROLES, List.of(Role.ADMIN.name())), null);
    }

    /** {@code Bearer <token>}, for an Authorization header. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** {@code file:} location of the PEM public key, for {@code spring.security.oauth2.resourceserver.jwt.public-key-location}. */
    public static String publicKeyLocation() {
        return PUBLIC_KEY.toUri().toString();
    }

    /** The issuer of the test tokens, which the services are configured to trust ({@code platform.security.issuer}). */
    public static final String ISSUER = "https://login.test.invalid/realms/community-carbon";

    /** The platform's audience, {@code platform.security.audience}'s default. */
    public static final String AUDIENCE = "community-carbon";

    /**
     * A token of the test issuer for the platform, valid for 30 minutes, with these claims added or replaced. The same
     * subject and claims get the same token for five minutes: an RS256 signature costs a test JVM, which compiles with
     * C1 only (the root pom's {@code argLine}), milliseconds of CPU, and an authorization matrix alone asks for a thousand
     * tokens or more. A token handed out again still has 25 minutes or more to run.
     */
    public static String sign(String subject, Map<String, Object> claims) {
        Instant now = Instant.now();
        return RECENT.compute(List.of(subject, claims), (key, signed) -> signed != null && signed.at().plus(REUSE).isAfter(now)
                ? signed : new Signed(sign(KEYS, subject, claims, VALIDITY), now)).token();
    }

    private static final Duration VALIDITY = Duration.ofMinutes(30);
    private static final Duration REUSE = Duration.ofMinutes(5);
    private static final Map<List<Object>, Signed> RECENT = new ConcurrentHashMap<>();

    private record Signed(String token, Instant at) {
    }

    private static String sign(KeyPair keys, String subject, Map<String, Object> claims, @Nullable Duration validity) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(java.util.Date.from(now.minusSeconds(120)))
                .expirationTime(validity == null ? null : java.util.Date.from(now.plus(validity)));
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(), builder.build());
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writePublicKey() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(((RSAPublicKey) KEYS.getPublic()).getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try {
            Path file = Files.createTempFile("community-carbon-test-jwt-", ".pem");
            file.toFile().deleteOnExit();
            return Files.writeString(file, pem, StandardCharsets.US_ASCII);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
