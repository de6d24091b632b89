package org.communitycarbon.model.device;

import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.jspecify.annotations.Nullable;

/**
 * A controller's {@code status}, once a minute: whether its load is on, how bright (lighting), and which command's
 * schedule it follows. It is also how the platform knows the controller is alive.
 *
 * @param powerState {@code ON} or {@code OFF} (FIWARE Streetlight {@code powerState}, in any case)
 * @param dimmingPercent a lighting controller's level while on, 1 to 100; absent otherwise
 * @param commandId the command whose schedule the controller follows; absent before it has one
 */
public record ControllerStatusMessage(
        @Nullable Instant dateObserved,
        @Nullable PowerState powerState,
        @Nullable Integer dimmingPercent,
        @Nullable UUID commandId) {

    public ControllerStatusMessage {
        Require.present(dateObserved, "dateObserved");
        Require.present(powerState, "powerState");
        if (dimmingPercent != null && (dimmingPercent < 0 || dimmingPercent > 100)) {
            throw new ContractViolation("dimmingPercent", "must be between 0 and 100, was " + dimmingPercent);
        }
    }
}
