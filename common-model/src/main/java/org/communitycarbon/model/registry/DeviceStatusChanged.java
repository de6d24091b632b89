package org.communitycarbon.model.registry;

import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Require;

import org.jspecify.annotations.Nullable;

/**
 * A device went offline — silent for longer than its type allows — or came back online by speaking again.
 *
 * @param occurredAt when the platform noticed the change
 * @param deviceType the device type as named in MQTT topics
 * @param lastSeenAt when the platform last received a message of the device
 * @param buildingId the building of the place the device serves, when that place is in one (so a consumer can
 *        notice a whole building going silent)
 */
public record DeviceStatusChanged(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        String deviceId,
        String deviceType,
        Connectivity connectivity,
        Instant lastSeenAt,
        @Nullable String buildingId) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** The id of one change: the same device, connectivity and moment are the same event. */
    public static UUID eventIdOf(String communityId, String deviceId, Connectivity connectivity, Instant occurredAt) {
        return EventIds.of(communityId, "connectivity", deviceId, connectivity.name(), occurredAt.toString());
    }

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        Require.identifier(deviceId, "deviceId");
        RegistryRules.deviceType(deviceType, "deviceType");
        Require.present(connectivity, "connectivity");
        Require.optionalIdentifier(buildingId, "buildingId");
        Instant seen = Require.present(lastSeenAt, "lastSeenAt");
        if (seen.isAfter(occurredAt)) {
            throw new ContractViolation("lastSeenAt", "must not be after occurredAt " + occurredAt + ", was " + seen);
        }
    }
}
