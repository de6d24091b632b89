package org.communitycarbon.ops.workorder;

import java.time.Instant;
import java.util.List;

import org.communitycarbon.model.ops.EscalationLevel;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a work order's trail: its {@code sequence}-th entry since it opened.
 *
 * @param kind a change of state ({@code TRANSITION}), an escalation ({@code ESCALATION}, from and to the state the order
 *        was in) or a comment ({@code COMMENT}, likewise)
 * @param actor the subject of the token that made the change, or {@code platform}
 * @param assignee who the order was assigned to after the change
 * @param note the resolution note, the reason for reopening, the remark on closing, the comment, or for an escalation
 *        which deadline passed and the new level's
 * @param photos references to photos of the resolution
 * @param escalationLevel for an escalation, the level the order went up to
 */
public record WorkOrderChangeView(int sequence, Instant at, String kind, String actor, WorkOrderStatus from,
        WorkOrderStatus to, @Nullable String assignee, @Nullable String note, List<String> photos,
        @Nullable EscalationLevel escalationLevel) {
}
