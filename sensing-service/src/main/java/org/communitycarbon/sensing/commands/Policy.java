package org.communitycarbon.sensing.commands;

import java.time.Instant;
import java.util.List;

import org.communitycarbon.model.device.CommandType;
import org.communitycarbon.model.device.SchedulePeriod;

/**
 * A subsystem's policy at one version: the schedule its controllers follow, and who set it when.
 *
 * @param setBy the subject of the token that set it
 */
record Policy(String communityId, String subsystemId, int version, CommandType type, List<SchedulePeriod> periods, String setBy,
        Instant setAt) {

    boolean sameSchedule(CommandType otherType, List<SchedulePeriod> otherPeriods) {
        return type == otherType && periods.equals(otherPeriods);
    }
}
