package org.communitycarbon.accounting.place;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A household's members changed in the registry: published in the transaction that stores the new place, for what
 * depends on members (baselines per member).
 *
 * @param before the members the registry gave before; null when it gave none
 * @param after the members it gives now; null for none
 * @param causeEventId the {@code PlaceChanged} that changed them
 */
public record HouseholdMembersChanged(String communityId, String householdId, @Nullable Integer before, @Nullable Integer after,
        UUID causeEventId, Instant occurredAt) {
}
