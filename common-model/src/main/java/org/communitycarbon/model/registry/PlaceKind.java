package org.communitycarbon.model.registry;

/** The places of a community a device can serve; a device is bound to one household, area, subsystem or drop point. */
public enum PlaceKind {
    BUILDING(false),
    HOUSEHOLD(true),
    COMMON_AREA(true),
    ENERGY_SUBSYSTEM(true),
    DROP_POINT(true);

    private final boolean bindsDevices;

    PlaceKind(boolean bindsDevices) {
        this.bindsDevices = bindsDevices;
    }

    /** Whether a device can be bound to a place of this kind (a building's devices belong to its areas). */
    public boolean bindsDevices() {
        return bindsDevices;
    }
}
