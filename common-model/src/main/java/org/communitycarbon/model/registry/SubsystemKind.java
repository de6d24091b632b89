package org.communitycarbon.model.registry;

/** What an energy subsystem of a community's common infrastructure does. */
public enum SubsystemKind {
    LIGHTING,
    LIFT,
    WATER_PUMP,
    HVAC,
    PV,
    EV_CHARGING
}
