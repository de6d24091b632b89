package org.communitycarbon.simulator.community;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import org.communitycarbon.model.device.DeviceCommandMessage;
import org.communitycarbon.model.device.SchedulePeriod;
import org.jspecify.annotations.Nullable;

/** Where a schedule stands at a simulated instant, in the schedule's own time zone. */
final class Schedules {

    private Schedules() {
    }

    /** The period of the command in force at that instant, or of the built-in default when none came yet. */
    static Optional<SchedulePeriod> periodAt(@Nullable DeviceCommandMessage command, DeviceCommandMessage fallback, Instant at) {
        DeviceCommandMessage inForce = command == null ? fallback : command;
        LocalTime local = at.atZone(ZoneId.of(inForce.timeZone())).toLocalTime();
        return inForce.periodAt(local);
    }
}
