package org.communitycarbon.model.registry;

/** A registered device reports while it is active; retiring it (taken out, or replaced) is final. */
public enum DeviceStatus {
    ACTIVE,
    RETIRED
}
