package org.communitycarbon.accounting.place;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The registry stated, in a newer revision of a common area or energy subsystem, whether it is its building's incoming
 * supply (whose electricity meter is the building's master meter): published in the transaction that stores the place,
 * for the master meters to follow it.
 *
 * @param buildingId the building the area is in; null for an area of no building
 * @param buildingSupply whether it is that building's supply
 */
public record BuildingSupplyStated(String communityId, String areaId, @Nullable String buildingId, boolean buildingSupply,
        Instant occurredAt) {
}
