package org.communitycarbon.ops.workorder;

/**
 * How urgent a work order is, from its type ({@link WorkOrderType#priority()}): the staff app sorts by it, and later
 * escalation rules may shorten a level's deadline by it.
 */
public enum WorkOrderPriority {
    /** Residents are affected now: an overflowing bin, a building without readings, a resident waiting past the promised visit. */
    HIGH,
    /** Needs handling within the day: one silent device, a pickup not yet dispatched. */
    NORMAL
}
