package org.communitycarbon.sensing.registry;

import org.communitycarbon.model.registry.PlaceKind;

/** The one kind of place a device serves, and the column of the device table that names it. */
public enum Binding {
    HOUSEHOLD(PlaceKind.HOUSEHOLD, "household_id", "household"),
    COMMON_AREA(PlaceKind.COMMON_AREA, "area_id", "area"),
    ENERGY_SUBSYSTEM(PlaceKind.ENERGY_SUBSYSTEM, "subsystem_id", "subsystem"),
    DROP_POINT(PlaceKind.DROP_POINT, "drop_point_id", "drop-point");

    private final PlaceKind placeKind;
    private final String column;
    private final String csvName;

    Binding(PlaceKind placeKind, String column, String csvName) {
        this.placeKind = placeKind;
        this.column = column;
        this.csvName = csvName;
    }

    public PlaceKind placeKind() {
        return placeKind;
    }

    String column() {
        return column;
    }

    /** The word of the CSV inventory, the same as its {@code record} word for that kind of place. */
    String csvName() {
        return csvName;
    }
}
