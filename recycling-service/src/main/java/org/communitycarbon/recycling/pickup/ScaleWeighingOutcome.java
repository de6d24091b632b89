package org.communitycarbon.recycling.pickup;

/** What became of a connected scale's weighing: recorded on its pickup, or not, with a {@link ScaleWeighingReason}. */
public enum ScaleWeighingOutcome {
    /** Recorded on the pickup: the collection settles it. */
    APPLIED,
    /** Not recorded on any pickup's goods; kept with its reason for the property team and the recycler to see. */
    REJECTED
}
