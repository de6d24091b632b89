package org.communitycarbon.recycling.pickup;

import org.jspecify.annotations.Nullable;

/** What to do with a booking request, given what is already stored under its idempotency key. */
enum IdempotencyDecision {

    /** Nothing stored under the key: book. */
    CREATE,
    /** The same request was booked under the key: answer with that booking, book nothing. */
    REPLAY,
    /** A different request was booked under the key: refuse, since the client reused a key by mistake. */
    CONFLICT;

    /**
     * @param storedFingerprint the fingerprint of the booking stored under the key, or {@code null} if none
     * @param fingerprint the fingerprint of the request now
     */
    static IdempotencyDecision of(@Nullable String storedFingerprint, String fingerprint) {
        if (storedFingerprint == null) {
            return CREATE;
        }
        return storedFingerprint.equals(fingerprint) ? REPLAY : CONFLICT;
    }
}
