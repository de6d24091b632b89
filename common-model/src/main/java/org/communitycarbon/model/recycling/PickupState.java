package org.communitycarbon.model.recycling;

/** Where a pickup booking stands, on the wire. */
public enum PickupState {
    /** Booked by a resident; no recycler yet. */
    REQUESTED,
    /** Assigned to a recycler (automatically, or by the property manager). */
    DISPATCHED,
    /** The recycler took the order. */
    ACCEPTED,
    /** A collector is on the way. */
    ON_THE_WAY,
    /** Collected at the door (weighing and settlement are later steps). */
    COLLECTED,
    /** Cancelled by the resident or the recycler, with a reason. */
    CANCELLED
}
