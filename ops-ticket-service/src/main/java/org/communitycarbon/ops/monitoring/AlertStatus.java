package org.communitycarbon.ops.monitoring;

/** An alert is active until its condition clears by itself; acknowledging it does not clear it. */
public enum AlertStatus {
    ACTIVE, CLEARED
}
