package org.communitycarbon.model.registry;

/** Whether a device is heard from as often as its type reports. */
public enum Connectivity {
    /** It spoke within its type's silence limit. */
    ONLINE,
    /** It has been silent longer than its type's limit. */
    OFFLINE
}
