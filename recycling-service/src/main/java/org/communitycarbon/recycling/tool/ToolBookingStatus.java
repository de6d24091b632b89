package org.communitycarbon.recycling.tool;

/** Where a booking of a shared tool stands. */
public enum ToolBookingStatus {
    /** On the calendar. */
    BOOKED,
    /** Handed over by the property office. */
    PICKED_UP,
    /** Back at the property office. */
    RETURNED,
    /** Cancelled before the pick-up. */
    CANCELLED
}
