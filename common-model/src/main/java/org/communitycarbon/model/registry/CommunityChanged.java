package org.communitycarbon.model.registry;

import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Require;
import org.jspecify.annotations.Nullable;

/**
 * A community as registered, in full, after a change: its name, its type, the grid region whose emission
 * factor applies to it, the time zone its days are counted in and, optionally, the street (街道) it belongs to.
 *
 * @param revision the registry revision of this state; a later state has a higher revision
 * @param streetId the street whose office oversees the community, or null when none is registered (added in schema
 *        version 1 as an optional field: events without it stay valid)
 */
public record CommunityChanged(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        long revision,
        String name,
        CommunityType communityType,
        String region,
        String timeZone,
        @Nullable String streetId) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** A community registered without a street. */
    public CommunityChanged(UUID eventId, int schemaVersion, String communityId, Instant occurredAt, long revision,
            String name, CommunityType communityType, String region, String timeZone) {
        this(eventId, schemaVersion, communityId, occurredAt, revision, name, communityType, region, timeZone, null);
    }

    /** The id of the community's state at a revision. */
    public static UUID eventIdOf(String communityId, long revision) {
        return EventIds.of(communityId, "community", Long.toString(revision));
    }

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        RegistryRules.name(name, "name");
        Require.present(communityType, "communityType");
        RegistryRules.region(region, "region");
        RegistryRules.timeZone(timeZone, "timeZone");
        Require.optionalIdentifier(streetId, "streetId");
        if (revision <= 0) {
            throw new ContractViolation("revision", "must be above 0, was " + revision);
        }
    }
}
