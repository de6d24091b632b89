package org.communitycarbon.model.recycling;

/** Who moved a pickup booking to its new state. */
public enum PickupActor {
    RESIDENT,
    RECYCLER,
    PROPERTY_MANAGER,
    ADMIN,
    /** The platform itself: the automatic dispatcher. */
    PLATFORM
}
