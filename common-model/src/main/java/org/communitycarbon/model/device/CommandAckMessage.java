package org.communitycarbon.model.device;

import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.jspecify.annotations.Nullable;

/**
 * A controller's {@code ack}: its answer to a command, published on its own topic
 * {@code cc/{communityId}/{deviceType}/{deviceId}/ack}.
 *
 * @param dateObserved when the controller decided, by its own clock
 * @param commandId the command's id, as the command carried it
 * @param outcome {@code ACCEPTED} or {@code REJECTED}
 * @param reason why it was rejected (required then, at most {@value #MAX_REASON} characters); optional otherwise
 */
public record CommandAckMessage(
        @Nullable Instant dateObserved,
        @Nullable UUID commandId,
        @Nullable CommandOutcome outcome,
        @Nullable String reason) {

    public static final int MAX_REASON = 200;

    public CommandAckMessage {
        Require.present(dateObserved, "dateObserved");
        Require.present(commandId, "commandId");
        Require.present(outcome, "outcome");
        if (reason != null) {
            Require.text(reason, "reason", MAX_REASON);
        }
        else if (outcome == CommandOutcome.REJECTED) {
            throw new ContractViolation("reason", "is required when the outcome is REJECTED");
        }
    }
}
