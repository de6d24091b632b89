package org.communitycarbon.model.ops;

/** Conditions that open a work order by themselves. */
public enum AlertType {
    /** A bin at or above its fill threshold. */
    BIN_OVERFLOW
}
