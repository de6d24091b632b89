package org.communitycarbon.model.ops;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Require;
import org.jspecify.annotations.Nullable;

/**
 * Work order {@code workOrderId} moved from {@code fromState} to {@code toState}: the {@code sequence}-th change of
 * the order since it opened ({@link AlertRaised} announces the opening).
 *
 * @param actor the subject of the token that made the change, or {@code platform} when a fact did (a bin's low
 *        reading closing its order)
 * @param assignee who the order is assigned to after the change: a staff member's token subject or a team name
 * @param note the resolution note, the reopening reason or the closing remark, at most 500 characters
 * @param photos references to photos of the resolution (URLs or ids, each at most 500 characters, at most 10)
 * @param deadline when the order is due
 */
public record WorkOrderChanged(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        UUID workOrderId,
        AlertType alertType,
        String sourceId,
        int sequence,
        WorkOrderState fromState,
        WorkOrderState toState,
        String actor,
        @Nullable String assignee,
        @Nullable String note,
        List<String> photos,
        Instant deadline) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;
    public static final int MAX_NOTE = 500;
    public static final int MAX_PHOTOS = 10;
    public static final int MAX_PHOTO_REFERENCE = 500;
    public static final int MAX_ASSIGNEE = 128;

    public WorkOrderChanged {
        photos = photos == null ? List.of() : List.copyOf(photos);
    }

    /** The id of a work order's {@code sequence}-th change: one event per change, however often it is relayed. */
    public static UUID eventIdOf(UUID workOrderId, int sequence) {
        return EventIds.derived(workOrderId, "change-" + sequence);
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
        Require.present(fromState, "fromState");
        Require.present(toState, "toState");
        Require.text(actor, "actor", MAX_ASSIGNEE);
        if (assignee != null) {
            Require.text(assignee, "assignee", MAX_ASSIGNEE);
        }
        if (note != null) {
            Require.text(note, "note", MAX_NOTE);
        }
        if (photos.size() > MAX_PHOTOS) {
            throw new ContractViolation("photos", "has at most " + MAX_PHOTOS + " references");
        }
        for (String photo : photos) {
            Require.text(photo, "photos[]", MAX_PHOTO_REFERENCE);
        }
        Require.present(deadline, "deadline");
    }
}
