package org.communitycarbon.ops.monitoring;

/** How serious an alert is; an alert's severity only rises while it is active. */
public enum Severity {
    /** Over the limit. */
    WARNING,
    /** Over the limit by its critical margin or more (environment), or by twice the allowed share (energy baseline). */
    CRITICAL
}
