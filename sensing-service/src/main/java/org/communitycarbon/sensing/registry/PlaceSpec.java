package org.communitycarbon.sensing.registry;

import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.registry.SubsystemKind;
import org.jspecify.annotations.Nullable;

/** What a place is, as written by a client: equal specs mean nothing to change. */
record PlaceSpec(PlaceKind kind, String id, String name, @Nullable String buildingId, @Nullable Integer members,
        @Nullable SubsystemKind subsystemKind) {
}
