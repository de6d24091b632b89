package org.communitycarbon.model.registry;

import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Require;

/**
 * A community as registered, in full, after a change: its name, its type, the grid region whose emission
 * factor applies to it and the time zone its days are counted in.
 *
 * @param revision the registry revision of this state; a later state has a higher revision
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
        String timeZone) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

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
        if (revision <= 0) {
            throw new ContractViolation("revision", "must be above 0, was " + revision);
        }
    }
}
