package org.communitycarbon.model.recycling;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Require;
import org.jspecify.annotations.Nullable;

/**
 * A pickup booking moved to {@code status}: booked, dispatched to a recycler (or reassigned), accepted, on the way,
 * collected or cancelled. Addresses and notes stay in the recycling service.
 *
 * @param occurredAt when the step was taken
 * @param pickupId the booking
 * @param sequence the booking's step number: 1 for the booking, one more for every later step
 * @param householdId the household that booked
 * @param categories the category codes booked
 * @param status the new state
 * @param previousStatus the state before, absent for the booking itself
 * @param recyclerId the recycler the booking is assigned to now, absent before dispatch
 * @param by who took the step
 * @param reason why, for a cancellation by a recycler, manager or admin (required) or a reassignment; never a
 *        resident's own words, which stay in the recycling service and are erased with their personal data
 */
public record PickupStatusChanged(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        UUID pickupId,
        int sequence,
        String householdId,
        List<String> categories,
        PickupState status,
        @Nullable PickupState previousStatus,
        @Nullable String recyclerId,
        PickupActor by,
        @Nullable String reason) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** Longest reason carried. */
    public static final int MAX_REASON = 200;

    /** The id of one step of a booking: its id and step number. */
    public static UUID eventIdOf(UUID pickupId, int sequence) {
        return EventIds.of("pickup", pickupId.toString(), String.valueOf(sequence));
    }

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        Require.present(pickupId, "pickupId");
        if (sequence < 1) {
            throw new ContractViolation("sequence", "must be at least 1, was " + sequence);
        }
        Require.identifier(householdId, "householdId");
        Require.present(categories, "categories");
        if (categories.isEmpty() || categories.size() > 20) {
            throw new ContractViolation("categories", "must name 1 to 20 categories");
        }
        for (int i = 0; i < categories.size(); i++) {
            Require.identifier(categories.get(i), "categories[" + i + "]");
        }
        Require.present(status, "status");
        Require.present(by, "by");
        Require.optionalIdentifier(recyclerId, "recyclerId");
        if ((previousStatus == null) != (status == PickupState.REQUESTED)) {
            throw new ContractViolation("previousStatus", "is absent exactly when the status is REQUESTED");
        }
        if (status != PickupState.REQUESTED && status != PickupState.CANCELLED && recyclerId == null) {
            throw new ContractViolation("recyclerId", "is required once a recycler is dispatched");
        }
        if (by == PickupActor.RESIDENT && reason != null) {
            throw new ContractViolation("reason", "is not carried for a resident's step: their words stay in the recycling service");
        }
        if (status == PickupState.CANCELLED && by != PickupActor.RESIDENT) {
            Require.text(reason, "reason", MAX_REASON);
        }
        else if (reason != null) {
            Require.text(reason, "reason", MAX_REASON);
        }
    }
}
