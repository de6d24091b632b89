package org.communitycarbon.recycling.pickup;

import org.communitycarbon.model.recycling.PickupState;

/**
 * Where a pickup booking stands: requested → dispatched (to a recycler) → accepted → on the way → collected, or
 * cancelled with a reason. Which step leads where is {@link PickupAction}'s. Collection records the weighed items and
 * settles the pickup.
 */
public enum PickupStatus {
    /** Booked by the resident; no recycler dispatched yet. */
    REQUESTED,
    /** Assigned to a recycler, automatically or by the property manager. */
    DISPATCHED,
    /** The recycler took the order. */
    ACCEPTED,
    /** A collector is on the way. */
    ON_THE_WAY,
    /** Collected at the door. */
    COLLECTED,
    /** Cancelled by the resident or the recycler. */
    CANCELLED;

    /** Whether a booking in this status still waits for its recycler (counted by {@link BookingLimits#open()}). */
    public boolean open() {
        return this != COLLECTED && this != CANCELLED;
    }

    /** The same status on the wire. */
    PickupState state() {
        return PickupState.valueOf(name());
    }
}
