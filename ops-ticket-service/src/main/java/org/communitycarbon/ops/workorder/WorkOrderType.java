package org.communitycarbon.ops.workorder;

import org.communitycarbon.model.ops.AlertType;

/** What a work order is about; each type names what its {@code sourceId} is. */
public enum WorkOrderType {
    /** A bin at or above its fill threshold; the source is the bin's device id. */
    BIN_OVERFLOW(AlertType.BIN_OVERFLOW),
    /** A device silent past the offline limit; the source is the device's id. */
    DEVICE_OFFLINE(AlertType.DEVICE_OFFLINE),
    /** A share of a building's devices silent past the offline limit; the source is the building's id. */
    BUILDING_DEVICES_OFFLINE(AlertType.BUILDING_DEVICES_OFFLINE);

    private final AlertType alertType;

    WorkOrderType(AlertType alertType) {
        this.alertType = alertType;
    }

    /** The alert announced when an order of this type opens by itself. */
    public AlertType alertType() {
        return alertType;
    }
}
