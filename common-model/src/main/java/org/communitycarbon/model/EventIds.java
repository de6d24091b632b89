package org.communitycarbon.model;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic event ids. The same fact always gets the same id, so a redelivered MQTT message, a
 * replayed Kafka record or a consumer that crashed after its effect produce nothing twice.
 */
public final class EventIds {

    private EventIds() {
    }

    /** A name-based (version 3) UUID of the parts, joined with a separator that no part may contain. */
    public static UUID of(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8));
    }

    /** The id of an event caused by another one, e.g. the reduction recorded for a deposit. */
    public static UUID derived(UUID cause, String what) {
        return of(cause.toString(), what);
    }
}
