package org.communitycarbon.ops.workorder;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.ops.EscalationLevel;
import org.jspecify.annotations.Nullable;

/**
 * A work order as the dashboard and the staff app show it.
 *
 * @param sourceId what is at fault, e.g. the bin's device id
 * @param observed the value that crossed {@code threshold}
 * @param owner who must handle it: the community's property team ({@code property:<communityId>}) until a
 *        person is assigned
 * @param openedAt when the condition was observed
 * @param overdue the deadline has passed while the order is open, or it was resolved after its deadline
 * @param priority how urgent the order's type is
 * @param resolvedBy the subject of the token that resolved it, or {@code platform} when a later fact settled it (a
 *        device online again, a late pickup collected)
 * @param assignee the staff member's token subject or the team the order is assigned to, if any
 * @param resolutionPhotos references (URLs or ids) to photos of the resolution
 * @param closedBy who verified and closed it, or {@code platform} when a bin's low reading confirmed it
 * @param details what the type adds: for a late pickup its {@code pickupId}, the missed {@code deadline}
 *        ({@code DISPATCH} or {@code ARRIVAL}), {@code dueAt}, and the {@code recyclerId} it was assigned to, if any
 * @param escalationLevel who answers for it now: the property company, or after its deadline passed the residents'
 *        committee, then the street office (each escalation is in the trail)
 * @param escalatedAt when it reached its current level; null at the property company
 * @param levelDeadline the current level's deadline: {@code deadline} at the property company
 */
public record WorkOrderView(
        UUID id,
        String communityId,
        WorkOrderType type,
        WorkOrderPriority priority,
        String sourceId,
        String title,
        Quantity observed,
        Quantity threshold,
        WorkOrderStatus status,
        String owner,
        Instant openedAt,
        Instant deadline,
        boolean overdue,
        @Nullable Instant resolvedAt,
        @Nullable String resolvedBy,
        @Nullable String resolutionNote,
        @Nullable String assignee,
        List<String> resolutionPhotos,
        @Nullable Instant closedAt,
        @Nullable String closedBy,
        @Nullable String closingNote,
        Map<String, String> details,
        EscalationLevel escalationLevel,
        @Nullable Instant escalatedAt,
        Instant levelDeadline) {

    static WorkOrderView of(WorkOrder order, Instant now) {
        return new WorkOrderView(order.id(), order.communityId(), order.type(), order.type().priority(), order.sourceId(), order.title(),
                order.observed(), order.threshold(), order.status(), order.owner(), order.openedAt(), order.deadline(),
                order.isOverdue(now), order.resolvedAt(), order.resolvedBy(), order.resolutionNote(), order.assignee(),
                order.resolutionPhotos(), order.closedAt(), order.closedBy(), order.closingNote(), order.details(),
                order.escalationLevel(), order.escalatedAt(), order.levelDeadline());
    }
}
