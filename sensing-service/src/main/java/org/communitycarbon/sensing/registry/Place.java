package org.communitycarbon.sensing.registry;

import java.time.Instant;

import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.registry.SubsystemKind;
import org.jspecify.annotations.Nullable;

/**
 * A registered place of a community.
 *
 * @param buildingId the building it is in: required for a household, optional for areas, subsystems and drop
 *        points, absent for a building
 * @param members people in a household; households only
 * @param subsystemKind what an energy subsystem does; subsystems only
 * @param buildingSupply whether a common area or energy subsystem is its building's incoming supply, whose
 *        electricity meter is the building's master meter; false for every other place
 * @param revision the registry revision of its latest change
 */
record Place(PlaceKind kind, String id, String name, @Nullable String buildingId, @Nullable Integer members,
        @Nullable SubsystemKind subsystemKind, boolean buildingSupply, long revision, Instant updatedAt) {

    PlaceSpec spec() {
        return new PlaceSpec(kind, id, name, buildingId, members, subsystemKind, buildingSupply);
    }
}
