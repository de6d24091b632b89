package org.communitycarbon.model.recycling;

/** Topics the recycling service writes, keyed by community id (so a booking's steps keep their order). */
public final class RecyclingTopics {

    /** {@link PickupStatusChanged}. */
    public static final String PICKUPS = "recycling.pickups";

    /** {@link PickupDeadlineMissed}. */
    public static final String PICKUP_DEADLINES = "recycling.pickup-deadlines";

    private RecyclingTopics() {
    }
}
