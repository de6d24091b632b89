package org.communitycarbon.model.control;

import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.device.CommandAckMessage;
import org.communitycarbon.model.device.CommandOutcome;
import org.communitycarbon.model.registry.RegistryRules;
import org.jspecify.annotations.Nullable;

/**
 * A controller answered a command: it accepted it, or rejected it with a reason. The sensing service reads it back to
 * settle the command ({@code ACKNOWLEDGED} or {@code FAILED}); whether the command exists, is the device's own and
 * is still awaited is decided there, not here.
 *
 * @param occurredAt when the controller decided, by its own clock ({@code dateObserved})
 * @param receivedAt when the platform received the acknowledgement; an acknowledgement received after the command
 *        expired is ignored
 * @param deviceType the device type as named in MQTT topics
 */
public record CommandAcknowledged(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        Instant receivedAt,
        String deviceId,
        String deviceType,
        UUID commandId,
        CommandOutcome outcome,
        @Nullable String reason) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** One answer per device and command: the same acknowledgement sent again is the same event. */
    public static UUID eventIdOf(String communityId, String deviceId, UUID commandId) {
        return EventIds.of(communityId, deviceId, "ack", commandId.toString());
    }

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        Require.present(receivedAt, "receivedAt");
        Require.identifier(deviceId, "deviceId");
        RegistryRules.deviceType(deviceType, "deviceType");
        Require.present(commandId, "commandId");
        Require.present(outcome, "outcome");
        if (reason != null) {
            Require.text(reason, "reason", CommandAckMessage.MAX_REASON);
        }
        else if (outcome == CommandOutcome.REJECTED) {
            throw new ContractViolation("reason", "is required when the outcome is REJECTED");
        }
    }
}
