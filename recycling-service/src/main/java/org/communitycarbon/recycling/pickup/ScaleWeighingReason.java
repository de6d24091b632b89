package org.communitycarbon.recycling.pickup;

/** Why a connected scale's weighing was not applied to a pickup. */
public enum ScaleWeighingReason {
    /** No pickup of that id in the scale's community (none at all, or another community's). */
    UNKNOWN_PICKUP,
    /** The pickup is not yet dispatched to a recycler. */
    NOT_DISPATCHED,
    /** The pickup is already collected (settled) or cancelled. */
    PICKUP_CLOSED,
    /** The community's price list in force has no price for the category. */
    CATEGORY_NOT_PRICED,
    /** The category is neither booked nor taken by the pickup's recycler. */
    CATEGORY_NOT_TAKEN,
    /** With this weighing the category would weigh more than a collection may record of it (1000 kg). */
    CATEGORY_TOO_HEAVY
}
