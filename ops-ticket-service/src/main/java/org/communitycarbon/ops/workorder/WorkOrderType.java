package org.communitycarbon.ops.workorder;

import org.communitycarbon.model.ops.AlertType;

/**
 * What a work order is about; each type names what its {@code sourceId} is, how urgent it is, and (in its settings)
 * how long the property team has from its opening to its deadline.
 */
public enum WorkOrderType {
    /**
     * A bin at or above its fill threshold; the source is the bin's device id. Due {@code ops.bin-overflow.resolve-within}
     * (2 hours) after the reading.
     */
    BIN_OVERFLOW(AlertType.BIN_OVERFLOW, WorkOrderPriority.HIGH),
    /** A device silent past the offline limit; the source is the device's id. Due {@code ops.device-offline.resolve-within} (24 hours). */
    DEVICE_OFFLINE(AlertType.DEVICE_OFFLINE, WorkOrderPriority.NORMAL),
    /** A share of a building's devices silent past the offline limit; the source is the building's id. Due as {@link #DEVICE_OFFLINE}. */
    BUILDING_DEVICES_OFFLINE(AlertType.BUILDING_DEVICES_OFFLINE, WorkOrderPriority.HIGH),
    /**
     * A recycling pickup no recycler was dispatched to by its dispatch deadline; the source is the pickup's id. Due
     * {@code ops.pickup-late.dispatch-resolve-within} (1 hour) after the breach was noticed; resolved by the platform
     * when the pickup is dispatched or cancelled.
     */
    PICKUP_DISPATCH_LATE(AlertType.PICKUP_DISPATCH_LATE, WorkOrderPriority.NORMAL),
    /**
     * A recycling pickup not collected by its arrival deadline; the source is the pickup's id. Due
     * {@code ops.pickup-late.visit-resolve-within} (4 hours) after the breach was noticed; resolved by the platform
     * when the pickup is collected or cancelled.
     */
    PICKUP_VISIT_LATE(AlertType.PICKUP_VISIT_LATE, WorkOrderPriority.HIGH),
    /**
     * An environment alert that needs action (monitoring, docs/monitoring.md): PM2.5, CO2 or noise of an area over its
     * limit; the source is {@code <measure>:<areaId>}. Due {@code ops.monitoring.environment.resolve-within} (4 hours)
     * after the alert was raised; resolved by the platform when the alert clears.
     */
    ENVIRONMENT_THRESHOLD(AlertType.ENVIRONMENT_THRESHOLD, WorkOrderPriority.HIGH),
    /**
     * An energy anomaly that needs action (monitoring, docs/monitoring.md): public lighting drawing power in daylight,
     * a subsystem above its baseline; the source is {@code <rule>:<subsystemId>}. Due
     * {@code ops.monitoring.energy.resolve-within} (24 hours) after the alert was raised; resolved by the platform when
     * the alert clears.
     */
    ENERGY_ANOMALY(AlertType.ENERGY_ANOMALY, WorkOrderPriority.NORMAL),
    /**
     * A resident's report filed through Open311 (open311, docs/open311.md); the source is the service request's id. Due
     * after its service's time (4 hours for a drop point to 72 hours for anything else).
     */
    RESIDENT_REPORT(AlertType.RESIDENT_REPORT, WorkOrderPriority.NORMAL),
    /**
     * A household whose drops the bins' cameras recognised as wrongly sorted {@code ops.sorting.visit-after} times (3)
     * within {@code ops.sorting.window} (14 days) (sorting, docs/operations.md): a visit by the sorting volunteers to
     * explain the categories, never a penalty; the source is the household's id. Due {@code ops.sorting.visit-within}
     * (72 hours) after the last of those drops. One active order per household: further mistakes while it is active
     * are counted towards it and open nothing.
     */
    SORTING_VISIT(AlertType.SORTING_VISIT, WorkOrderPriority.NORMAL);

    private final AlertType alertType;
    private final WorkOrderPriority priority;

    WorkOrderType(AlertType alertType, WorkOrderPriority priority) {
        this.alertType = alertType;
        this.priority = priority;
    }

    /** The alert announced when an order of this type opens by itself. */
    public AlertType alertType() {
        return alertType;
    }

    public WorkOrderPriority priority() {
        return priority;
    }
}
