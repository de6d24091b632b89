package org.communitycarbon.sensing.commands;

import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.device.CommandType;
import org.communitycarbon.model.device.DeviceCommandMessage;
import org.jspecify.annotations.Nullable;

/**
 * A command as the REST API shows it.
 *
 * @param command what was (or will be) published on the device's command topic
 * @param sentBy who set the policy it carries
 * @param failureReason the device's reason, when it rejected the command
 */
public record DeviceCommand(UUID id, String communityId, String deviceId, String deviceType, String subsystemId, int policyVersion,
        CommandType type, CommandCause cause, String sentBy, CommandStatus status, Instant createdAt, @Nullable Instant sentAt,
        Instant expiresAt, @Nullable Instant finishedAt, @Nullable String failureReason, DeviceCommandMessage command) {
}
