package org.communitycarbon.model.recycling;

import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Require;
import org.jspecify.annotations.Nullable;

/**
 * A pickup booking missed a service level: no recycler dispatched by its dispatch deadline, or nobody at the door by
 * its arrival deadline. Raised once per booking and deadline; the ops-ticket service is to open a work order for it
 * and count the breach against {@code recyclerId}.
 *
 * @param occurredAt when the platform noticed
 * @param pickupId the booking
 * @param deadline which service level was missed
 * @param dueAt when it was due
 * @param status where the booking stood when the breach was noticed
 * @param recyclerId the recycler the booking was assigned to then, absent when none was
 */
public record PickupDeadlineMissed(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        UUID pickupId,
        PickupDeadline deadline,
        Instant dueAt,
        PickupState status,
        @Nullable String recyclerId) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** One breach per booking and deadline. */
    public static UUID eventIdOf(UUID pickupId, PickupDeadline deadline) {
        return EventIds.of("pickup-deadline", pickupId.toString(), deadline.name());
    }

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        Require.present(pickupId, "pickupId");
        Require.present(deadline, "deadline");
        Instant due = Require.present(dueAt, "dueAt");
        if (!due.isBefore(occurredAt)) {
            throw new ContractViolation("dueAt", "must be before occurredAt " + occurredAt + ", was " + due);
        }
        Require.present(status, "status");
        Require.optionalIdentifier(recyclerId, "recyclerId");
    }
}
