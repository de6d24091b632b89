package org.communitycarbon.model.registry;

import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Require;
import org.jspecify.annotations.Nullable;

/**
 * A place of a community, in full, after a change: a building, a household (with its building and its number
 * of members), a common area, an energy subsystem (with its kind) or a drop point. Ids are unique per kind
 * within a community.
 *
 * @param revision the registry revision of this state; a later state has a higher revision
 * @param buildingId the building a household is in (required); the building of an area, subsystem or drop
 *        point when it belongs to one; absent for a building
 * @param members the number of people in a household; households only
 * @param subsystemKind what an energy subsystem does; energy subsystems only
 * @param buildingSupply {@code true} for the common area or energy subsystem that is its building's incoming supply:
 *        its electricity meter is the building's master meter, measuring what the building's households and common
 *        areas use together, so it is never added to them. At most one per building. Optional and added without a new
 *        schema version: events written before it, and every other place, have none (read as {@code false}).
 */
public record PlaceChanged(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        long revision,
        PlaceKind kind,
        String placeId,
        String name,
        @Nullable String buildingId,
        @Nullable Integer members,
        @Nullable SubsystemKind subsystemKind,
        @Nullable Boolean buildingSupply) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** A place that is not its building's supply: every place but the one area or subsystem of a building that is. */
    public PlaceChanged(UUID eventId, int schemaVersion, String communityId, Instant occurredAt, long revision, PlaceKind kind,
            String placeId, String name, @Nullable String buildingId, @Nullable Integer members,
            @Nullable SubsystemKind subsystemKind) {
        this(eventId, schemaVersion, communityId, occurredAt, revision, kind, placeId, name, buildingId, members, subsystemKind,
                null);
    }

    /** Whether the place is its building's incoming supply (absent: not). */
    public boolean suppliesBuilding() {
        return Boolean.TRUE.equals(buildingSupply);
    }

    /** The id of a place's state at a revision. */
    public static UUID eventIdOf(String communityId, PlaceKind kind, String placeId, long revision) {
        return EventIds.of(communityId, "place", kind.name(), placeId, Long.toString(revision));
    }

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        if (revision <= 0) {
            throw new ContractViolation("revision", "must be above 0, was " + revision);
        }
        Require.present(kind, "kind");
        Require.identifier(placeId, "placeId");
        RegistryRules.name(name, "name");
        RegistryRules.placeShape(kind, buildingId, members, subsystemKind);
        RegistryRules.buildingSupply(kind, buildingId, suppliesBuilding(), "buildingSupply");
    }
}
