package org.communitycarbon.model.device;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.communitycarbon.model.registry.SubsystemKind;

/**
 * What a command tells a controller to do, which device type takes it and for which energy subsystems a property
 * manager sets it as a policy.
 */
public enum CommandType {

    /** When a lighting subsystem's lamps are on each day, in the community's local time, and how bright. */
    LIGHTING_SCHEDULE(DeviceType.LIGHTING_CONTROLLER, EnumSet.of(SubsystemKind.LIGHTING)),

    /** The windows each day in which pumps or EV chargers may run, in the community's local time (off-peak control). */
    OFF_PEAK_SCHEDULE(DeviceType.LOAD_CONTROLLER, EnumSet.of(SubsystemKind.WATER_PUMP, SubsystemKind.EV_CHARGING));

    private final DeviceType deviceType;
    private final Set<SubsystemKind> subsystems;

    CommandType(DeviceType deviceType, Set<SubsystemKind> subsystems) {
        this.deviceType = deviceType;
        this.subsystems = subsystems;
    }

    /** The controllers that take it. */
    public DeviceType deviceType() {
        return deviceType;
    }

    /** Whether its periods carry a dimming level (lighting) or are plain run windows. */
    public boolean dims() {
        return this == LIGHTING_SCHEDULE;
    }

    /** The command a subsystem of this kind takes as its policy; empty for kinds that take none (lifts, HVAC, PV). */
    public static Optional<CommandType> forSubsystem(SubsystemKind kind) {
        return Arrays.stream(values()).filter(type -> type.subsystems.contains(kind)).findFirst();
    }
}
