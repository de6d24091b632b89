package org.communitycarbon.ops.monitoring;

/** From which severity an environment alert needs action, that is opens a work order. */
public enum WorkOrderFrom {
    WARNING,
    CRITICAL,
    /** Alerts of this measure never open a work order. */
    NEVER;

    boolean opens(Severity severity) {
        return switch (this) {
            case WARNING -> true;
            case CRITICAL -> severity == Severity.CRITICAL;
            case NEVER -> false;
        };
    }
}
