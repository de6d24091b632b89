package org.communitycarbon.recycling.tool;

/** Where a booking of a shared tool stands. */
public enum ToolBookingStatus {
    /** On the calendar, the tool's deposit not yet held in credits. */
    AWAITING_DEPOSIT,
    /** On the calendar (its deposit, if any, held). */
    BOOKED,
    /** The household could not pay the deposit: off the calendar, the reason in the booking's deposit note. */
    DEPOSIT_REFUSED,
    /** Handed over by the property office. */
    PICKED_UP,
    /** Back at the property office. */
    RETURNED,
    /** Lost, or returned damaged, as the property manager reported: the deposit is kept for the community. */
    FORFEITED,
    /** Cancelled before the pick-up. */
    CANCELLED
}
