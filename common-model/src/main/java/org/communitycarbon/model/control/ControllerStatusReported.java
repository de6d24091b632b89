package org.communitycarbon.model.control;

import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.device.PowerState;
import org.communitycarbon.model.registry.RegistryRules;
import org.jspecify.annotations.Nullable;

/**
 * What a controller reported of itself: whether its load is on (lamps lit, a pump or charger allowed to run), at
 * which dimming level, and which command's schedule it follows.
 *
 * @param occurredAt the controller's own timestamp ({@code dateObserved})
 * @param deviceType the device type as named in MQTT topics
 * @param subsystemId the energy subsystem the registry binds the controller to, when it is bound to one
 * @param dimmingPercent a lighting controller's level, 0 to 100
 * @param commandId the command whose schedule it follows; absent before it has one
 */
public record ControllerStatusReported(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        Instant receivedAt,
        String deviceId,
        String deviceType,
        @Nullable String subsystemId,
        PowerState powerState,
        @Nullable Integer dimmingPercent,
        @Nullable UUID commandId) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        Require.present(receivedAt, "receivedAt");
        Require.identifier(deviceId, "deviceId");
        RegistryRules.deviceType(deviceType, "deviceType");
        Require.optionalIdentifier(subsystemId, "subsystemId");
        Require.present(powerState, "powerState");
        if (dimmingPercent != null && (dimmingPercent < 0 || dimmingPercent > 100)) {
            throw new ContractViolation("dimmingPercent", "must be between 0 and 100, was " + dimmingPercent);
        }
    }
}
