package org.communitycarbon.ops.workorder;

/**
 * Where a work order is in detect, dispatch, handle, feed back. Every status but {@link #RESOLVED} is
 * active: a source has at most one active order of a type (the database's partial unique index counts
 * {@code status <> 'RESOLVED'}), so later states between the two, such as {@code ASSIGNED},
 * {@code IN_PROGRESS} or {@code ESCALATED}, fit in without changing that rule.
 */
public enum WorkOrderStatus {
    /** Detected and waiting for the owner to handle it. */
    OPEN,
    /** Handled, with who resolved it, when, and a note. Final. */
    RESOLVED;

    /** Still needs work. */
    public boolean isActive() {
        return this != RESOLVED;
    }
}
