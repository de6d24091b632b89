package org.communitycarbon.sensing.registry;

import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.registry.SubsystemKind;
import org.jspecify.annotations.Nullable;

/**
 * What a place is, as written by a client: equal specs mean nothing to change.
 *
 * @param buildingSupply a common area or energy subsystem that is its building's incoming supply (its electricity meter
 *        is the building's master meter); at most one per building
 */
record PlaceSpec(PlaceKind kind, String id, String name, @Nullable String buildingId, @Nullable Integer members,
        @Nullable SubsystemKind subsystemKind, boolean buildingSupply) {

    /** A place that is not a building's supply. */
    PlaceSpec(PlaceKind kind, String id, String name, @Nullable String buildingId, @Nullable Integer members,
            @Nullable SubsystemKind subsystemKind) {
        this(kind, id, name, buildingId, members, subsystemKind, false);
    }

    /** Whether the kind of place can be a building's supply. */
    static boolean canSupply(PlaceKind kind) {
        return kind == PlaceKind.COMMON_AREA || kind == PlaceKind.ENERGY_SUBSYSTEM;
    }
}
