package org.communitycarbon.ops.workorder;

import org.communitycarbon.model.ops.AlertType;

/** What a work order is about; each type names what its {@code sourceId} is. */
public enum WorkOrderType {
    /** A bin at or above its fill threshold; the source is the bin's device id. */
    BIN_OVERFLOW(AlertType.BIN_OVERFLOW);

    private final AlertType alertType;

    WorkOrderType(AlertType alertType) {
        this.alertType = alertType;
    }

    /** The alert announced when an order of this type opens by itself. */
    public AlertType alertType() {
        return alertType;
    }
}
