package org.communitycarbon.ops.workorder;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a work order's trail: its {@code sequence}-th change since it opened.
 *
 * @param actor the subject of the token that made the change, or {@code platform}
 * @param assignee who the order was assigned to after the change
 * @param note the resolution note, the reason for reopening, or the remark on closing
 * @param photos references to photos of the resolution
 */
public record WorkOrderChangeView(int sequence, Instant at, String actor, WorkOrderStatus from, WorkOrderStatus to,
        @Nullable String assignee, @Nullable String note, List<String> photos) {
}
