package org.communitycarbon.model.ops;

import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Require;

/**
 * Work order {@code workOrderId} was still active when {@code fromLevel}'s deadline ({@code missedDeadline}) passed,
 * so it went up to {@code toLevel}, which has until {@code levelDeadline}. The order keeps its state; the escalation is
 * the {@code sequence}-th entry of the order's trail, whose state changes are {@link WorkOrderChanged} on
 * {@link OpsTopics#WORK_ORDERS}.
 *
 * @param state the order's state when it escalated (an active one)
 * @param missedDeadline the deadline of {@code fromLevel} that passed: the order's own deadline for the property company
 * @param levelDeadline when {@code toLevel} must have handled it: {@code missedDeadline} plus the level's time
 */
public record WorkOrderEscalated(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        UUID workOrderId,
        AlertType alertType,
        String sourceId,
        int sequence,
        WorkOrderState state,
        EscalationLevel fromLevel,
        EscalationLevel toLevel,
        Instant missedDeadline,
        Instant levelDeadline) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** The id of an order's escalation to {@code level}: an order reaches each level once. */
    public static UUID eventIdOf(UUID workOrderId, EscalationLevel level) {
        return EventIds.derived(workOrderId, "escalated-to-" + level.name());
    }

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        Require.present(workOrderId, "workOrderId");
        Require.present(alertType, "alertType");
        Require.identifier(sourceId, "sourceId");
        if (sequence < 1) {
            throw new ContractViolation("sequence", "must be 1 or more, was " + sequence);
        }
        Require.present(state, "state");
        Require.present(fromLevel, "fromLevel");
        Require.present(toLevel, "toLevel");
        if (toLevel.ordinal() != fromLevel.ordinal() + 1) {
            throw new ContractViolation("toLevel", "must be the level above " + fromLevel + ", was " + toLevel);
        }
        Require.present(missedDeadline, "missedDeadline");
        Require.present(levelDeadline, "levelDeadline");
        if (!levelDeadline.isAfter(missedDeadline)) {
            throw new ContractViolation("levelDeadline", "must be after missedDeadline");
        }
    }
}
