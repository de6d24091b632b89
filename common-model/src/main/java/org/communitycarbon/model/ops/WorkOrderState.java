package org.communitycarbon.model.ops;

/**
 * Where a work order is in its lifecycle: opened from an alert, assigned to a person or team, in progress, resolved
 * by whoever handled it, closed once verified (by the property manager, or for a bin by the bin's own low reading).
 * A resolved or closed order may be reopened, back to {@link #OPEN} or, when it has an assignee, {@link #ASSIGNED}.
 */
public enum WorkOrderState {
    OPEN,
    ASSIGNED,
    IN_PROGRESS,
    RESOLVED,
    CLOSED
}
