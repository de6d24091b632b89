package org.communitycarbon.model.ops;

/** Conditions that open a work order by themselves. */
public enum AlertType {
    /** A bin at or above its fill threshold. */
    BIN_OVERFLOW,
    /** A device silent past the offline limit; the source is the device's id. */
    DEVICE_OFFLINE,
    /** A share of a building's devices silent past the offline limit at once; the source is the building's id. */
    BUILDING_DEVICES_OFFLINE,
    /**
     * A recycling pickup not dispatched to a recycler by its dispatch deadline (recycling.pickup-deadlines,
     * {@code DISPATCH}); the source is the pickup's id.
     */
    PICKUP_DISPATCH_LATE,
    /**
     * A recycling pickup not collected by its arrival deadline (recycling.pickup-deadlines, {@code ARRIVAL}); the
     * source is the pickup's id.
     */
    PICKUP_VISIT_LATE,
    /**
     * An environment measure of a community's area (PM2.5, CO2, noise) at or above its day or night limit for the
     * minimum duration, at the severity that needs action; the source names the measure and the area
     * ({@code pm25:plaza}).
     */
    ENVIRONMENT_THRESHOLD,
    /**
     * A common-area energy anomaly that needs action: public lighting drawing power in daylight hours, or a subsystem
     * above its own baseline; the source names the rule and the subsystem or area ({@code lighting-daylight:light-b01}).
     */
    ENERGY_ANOMALY,
    /**
     * A resident's report filed through Open311 (docs/open311.md); the source is the service request's id. Observed and
     * threshold are 1 {@code COUNT}.
     */
    RESIDENT_REPORT,
    /**
     * A household's drops recognised as wrongly sorted, repeatedly (docs/operations.md, sorting guidance): a visit by the
     * sorting volunteers, not a penalty; the source is the household's id. Observed and threshold are the wrongly sorted
     * drops in the window, in {@code COUNT}.
     */
    SORTING_VISIT
}
