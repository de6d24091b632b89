package org.communitycarbon.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic event ids. The same fact always gets the same id, so a redelivered MQTT message, a
 * replayed Kafka record or a consumer that crashed after its effect produce nothing twice.
 */
public final class EventIds {

    private EventIds() {
    }

    /** One MD5 digest per thread: looking the algorithm up for every id costs more than hashing. */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    });

    /**
     * A name-based (version 3) UUID of the parts, joined with a separator that no part may contain: exactly
     * {@code UUID.nameUUIDFromBytes} of their UTF-8 bytes.
     */
    public static UUID of(String... parts) {
        MessageDigest md5 = MD5.get();
        md5.reset();
        byte[] hash = md5.digest(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8));
        hash[6] &= 0x0f;
        hash[6] |= 0x30; // version 3
        hash[8] &= 0x3f;
        hash[8] |= (byte) 0x80; // IETF variant
        long most = 0;
        long least = 0;
        for (int i = 0; i < 8; i++) {
            most = (most << 8) | (hash[i] & 0xff);
            least = (least << 8) | (hash[i + 8] & 0xff);
        }
        return new UUID(most, least);
    }

    /** The id of an event caused by another one, e.g. the reduction recorded for a deposit. */
    public static UUID derived(UUID cause, String what) {
        return of(cause.toString(), what);
    }
}
