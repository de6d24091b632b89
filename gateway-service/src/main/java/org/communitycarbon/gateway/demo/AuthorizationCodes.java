package org.communitycarbon.gateway.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.communitycarbon.gateway.demo.DemoIssuerProperties.DemoUser;

/**
 * The demo issuer's authorization codes (RFC 6749 §4.1.2), each waiting to be traded for a token once: 32 random bytes
 * (base64url), valid for {@code validity}, bound to the client, the redirect URI and the PKCE challenge they were
 * issued for (RFC 7636, {@code S256} only). Kept in this gateway's memory — a code is traded within seconds of being
 * issued, by the page that asked for it — and never more than {@code capacity} at once: past it, expired codes are
 * dropped, and if that frees nothing no code is issued.
 */
final class AuthorizationCodes {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** What a code was issued for. */
    record Grant(DemoUser user, String clientId, String redirectUri, String codeChallenge, Instant expiresAt) {
    }

    /** Why a code was not traded for a token. */
    enum Refusal {
        UNKNOWN("The code is unknown or was used already"),
        EXPIRED("The code has expired"),
        OTHER_CLIENT("The code was issued to another client"),
        OTHER_REDIRECT_URI("The code was issued for another redirect_uri"),
        WRONG_VERIFIER("The code_verifier does not match the code_challenge");

        final String description;

        Refusal(String description) {
            this.description = description;
        }
    }

    /** A redeemed code: the user it signs in, or why not. */
    record Redemption(Optional<DemoUser> user, Optional<Refusal> refusal) {

        static Redemption of(DemoUser user) {
            return new Redemption(Optional.of(user), Optional.empty());
        }

        static Redemption refused(Refusal refusal) {
            return new Redemption(Optional.empty(), Optional.of(refusal));
        }
    }

    private final Map<String, Grant> pending = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Duration validity;
    private final int capacity;
    private final Clock clock;

    AuthorizationCodes(Duration validity, int capacity, Clock clock) {
        this.validity = validity;
        this.capacity = capacity;
        this.clock = clock;
    }

    /** A new code for this user, or none while {@code capacity} codes are pending. */
    Optional<String> issue(DemoUser user, String clientId, String redirectUri, String codeChallenge) {
        Instant now = clock.instant();
        if (pending.size() >= capacity) {
            pending.values().removeIf(grant -> !now.isBefore(grant.expiresAt()));
            if (pending.size() >= capacity) {
                return Optional.empty();
            }
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String code = BASE64URL.encodeToString(bytes);
        pending.put(code, new Grant(user, clientId, redirectUri, codeChallenge, now.plus(validity)));
        return Optional.of(code);
    }

    /**
     * Trades a code for the user it was issued to, once: the code is gone after this call whatever its outcome, so a
     * code tried with a wrong verifier cannot be tried again.
     */
    Redemption redeem(String code, String clientId, String redirectUri, String codeVerifier) {
        Grant grant = pending.remove(code);
        if (grant == null) {
            return Redemption.refused(Refusal.UNKNOWN);
        }
        if (!clock.instant().isBefore(grant.expiresAt())) {
            return Redemption.refused(Refusal.EXPIRED);
        }
        if (!grant.clientId().equals(clientId)) {
            return Redemption.refused(Refusal.OTHER_CLIENT);
        }
        if (!grant.redirectUri().equals(redirectUri)) {
            return Redemption.refused(Refusal.OTHER_REDIRECT_URI);
        }
        if (!MessageDigest.isEqual(s256(codeVerifier).getBytes(StandardCharsets.US_ASCII),
                grant.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
            return Redemption.refused(Refusal.WRONG_VERIFIER);
        }
        return Redemption.of(grant.user());
    }

    int pending() {
        return pending.size();
    }

    /** {@code BASE64URL(SHA256(ASCII(code_verifier)))}, RFC 7636 §4.2. */
    static String s256(String codeVerifier) {
        try {
            return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(codeVerifier.getBytes(StandardCharsets.US_ASCII)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
