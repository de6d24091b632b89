package org.communitycarbon.ops.workorder;

import org.communitycarbon.model.ops.WorkOrderState;

/**
 * Where a work order is in detect, dispatch, handle, feed back, evaluate (docs/operations.md, work-order lifecycle).
 * {@link #OPEN}, {@link #ASSIGNED} and {@link #IN_PROGRESS} are active: a source has at most one active order of a
 * type (the database's partial unique index counts exactly these). {@link #RESOLVED} and {@link #CLOSED} need no more
 * work, and either may be reopened.
 */
public enum WorkOrderStatus {
    /** Detected and waiting for the owner to handle it. */
    OPEN,
    /** Given to a staff member or a team. */
    ASSIGNED,
    /** The assignee is at it. */
    IN_PROGRESS,
    /** Handled, with who resolved it, when, a note and photo references; waiting to be verified. */
    RESOLVED,
    /** Verified by the property manager, or for a bin confirmed by its own low reading. */
    CLOSED;

    /** Still needs work. */
    public boolean isActive() {
        return this == OPEN || this == ASSIGNED || this == IN_PROGRESS;
    }

    WorkOrderState wire() {
        return WorkOrderState.valueOf(name());
    }
}
