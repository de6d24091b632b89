package org.communitycarbon.recycling.pickup;

/** Who weighed a settled category: the collector, entering it at the door, or the community's connected scales. */
public enum WeighedBy {
    COLLECTOR,
    SCALE
}
