package org.communitycarbon.recycling.pickup;

/** Where a pickup booking stands. Dispatching a recycler and weighing at the door are later steps. */
public enum PickupStatus {
    /** Booked by the resident; no recycler dispatched yet. */
    REQUESTED;

    /** Whether a booking in this status still waits for its recycler (counted by {@link BookingLimits#open()}). */
    public boolean open() {
        return this == REQUESTED;
    }
}
