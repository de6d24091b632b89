package org.communitycarbon.credits.householdcode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The cryptography of household codes, with one key from the settings:
 * <ul>
 * <li>a code's QR payload is {@code CC1.<code>.<signature>}: the code's 16 random bytes and HMAC-SHA256 over
 * {@code cc-household-code/1.<code>}, both base64url without padding; a payload whose signature does not verify is
 * refused before the database is asked;</li>
 * <li>a resolution's reference is {@code CCR1.<sealed>}: the code, an expiry and a digest of the caller who resolved
 * it, sealed with AES-256-GCM under a key derived from the same key, so only this service can open it and only for
 * that caller until it expires;</li>
 * <li>a household's pseudonym ({@code HH-1A2B3C4D}), what merchants see on their receipts instead of the household.</li>
 * </ul>
 */
@Component
class CodeSigner {

    private static final Logger log = LoggerFactory.getLogger(CodeSigner.class);

    static final String CODE_PREFIX = "CC1.";
    static final String REFERENCE_PREFIX = "CCR1.";
    static final int CODE_BYTES = 16;

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();
    private static final int NONCE_BYTES = 12;
    private static final int SUBJECT_DIGEST_BYTES = 8;
    private static final int SEALED_PLAIN_BYTES = CODE_BYTES + 8 + SUBJECT_DIGEST_BYTES;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec macKey;
    private final SecretKeySpec sealKey;

    CodeSigner(HouseholdCodeSettings settings) {
        byte[] key;
        if (settings.key() == null || settings.key().isBlank()) {
            key = new byte[32];
            random.nextBytes(key);
            log.warn("credits.household-code.key (CREDITS_HOUSEHOLD_CODE_KEY) is not set: household codes are signed with a "
                    + "key made for this run; they stop verifying when the service restarts and other instances refuse them. "
                    + "Set the same random 32-byte key (base64) on every instance in production.");
        }
        else {
            try {
                key = Base64.getDecoder().decode(settings.key().strip());
            }
            catch (IllegalArgumentException notBase64) {
                throw new IllegalArgumentException("credits.household-code.key must be base64", notBase64);
            }
            if (key.length < 32) {
                throw new IllegalArgumentException("credits.household-code.key must hold at least 32 bytes, has " + key.length);
            }
        }
        this.macKey = new SecretKeySpec(key, "HmacSHA256");
        this.sealKey = new SecretKeySpec(mac(new SecretKeySpec(key, "HmacSHA256"), "cc-household-reference-key/1"), "AES");
    }

    byte[] newCode() {
        byte[] code = new byte[CODE_BYTES];
        random.nextBytes(code);
        return code;
    }

    /** The QR payload of a code. */
    String payload(byte[] code) {
        String id = B64.encodeToString(code);
        return CODE_PREFIX + id + "." + B64.encodeToString(mac(macKey, "cc-household-code/1." + id));
    }

    /** The code of a payload this service signed; empty for anything else. */
    Optional<byte[]> code(String payload) {
        if (!payload.startsWith(CODE_PREFIX) || payload.length() > 128) {
            return Optional.empty();
        }
        String[] parts = payload.substring(CODE_PREFIX.length()).split("\\.", -1);
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            byte[] code = B64_DECODER.decode(parts[0]);
            byte[] signature = B64_DECODER.decode(parts[1]);
            if (code.length != CODE_BYTES || !B64.encodeToString(code).equals(parts[0])
                    || !MessageDigest.isEqual(signature, mac(macKey, "cc-household-code/1." + parts[0]))) {
                return Optional.empty();
            }
            return Optional.of(code);
        }
        catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /** A reference to a code for one caller until {@code expiresAt}. */
    String seal(byte[] code, String subject, Instant expiresAt) {
        byte[] plain = ByteBuffer.allocate(SEALED_PLAIN_BYTES).put(code).putLong(expiresAt.getEpochSecond())
                .put(subjectDigest(subject)).array();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, sealKey, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plain);
            return REFERENCE_PREFIX + B64.encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is on every Java platform", e);
        }
    }

    /** The code a reference names, if this service sealed it for this caller and it has not expired. */
    Optional<byte[]> open(String reference, String subject, Instant now) {
        if (!reference.startsWith(REFERENCE_PREFIX) || reference.length() > 128) {
            return Optional.empty();
        }
        try {
            byte[] sealed = B64_DECODER.decode(reference.substring(REFERENCE_PREFIX.length()));
            if (sealed.length <= NONCE_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, sealKey, new GCMParameterSpec(128, sealed, 0, NONCE_BYTES));
            ByteBuffer plain = ByteBuffer.wrap(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES));
            if (plain.remaining() != SEALED_PLAIN_BYTES) {
                return Optional.empty();
            }
            byte[] code = new byte[CODE_BYTES];
            plain.get(code);
            long expiry = plain.getLong();
            byte[] digest = new byte[SUBJECT_DIGEST_BYTES];
            plain.get(digest);
            if (now.getEpochSecond() >= expiry || !MessageDigest.isEqual(digest, subjectDigest(subject))) {
                return Optional.empty();
            }
            return Optional.of(code);
        }
        catch (IllegalArgumentException | javax.crypto.AEADBadTagException notOurs) {
            return Optional.empty();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is on every Java platform", e);
        }
    }

    /** What a merchant sees instead of the household: stable for the household, meaningless without the key. */
    String pseudonym(String communityId, String householdId) {
        byte[] mac = mac(macKey, "cc-household-pseudonym/1." + communityId + "." + householdId);
        return "HH-" + HexFormat.of().formatHex(mac, 0, 4).toUpperCase(Locale.ROOT);
    }

    private byte[] subjectDigest(String subject) {
        return Arrays.copyOf(mac(macKey, "cc-household-reference-subject/1." + subject), SUBJECT_DIGEST_BYTES);
    }

    private static byte[] mac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is on every Java platform", e);
        }
    }
}
