package org.communitycarbon.model.recycling;

/** The service levels of a free pickup. */
public enum PickupDeadline {
    /** A recycler dispatched within 1 hour of the booking (by default). */
    DISPATCH,
    /** The recycler at the door within 24 hours of the booking, or by the end of the resident's later window. */
    ARRIVAL
}
