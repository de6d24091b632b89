package org.communitycarbon.ops.schedule;

import java.time.Duration;
import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Off-peak scheduling (docs/operations.md).
 *
 * @param trailingDays the days of history the windows are computed from (28: four of each day of the week)
 * @param windowHours the length of a day's off-peak window, in whole hours (3); a planned task lasts at most this long
 * @param workStarts when the staff's working hours begin, in a community's time zone, unless it set its own (06:00)
 * @param workEnds when they end (22:00)
 * @param horizonDays how far ahead a task without a date to be done by is placed (28 days)
 * @param recomputeInterval how often every community's windows are computed again, and unstarted tasks re-placed (1 hour)
 */
@ConfigurationProperties("ops.schedule")
public record ScheduleSettings(
        @DefaultValue("28") int trailingDays,
        @DefaultValue("3") int windowHours,
        @DefaultValue("06:00") LocalTime workStarts,
        @DefaultValue("22:00") LocalTime workEnds,
        @DefaultValue("28") int horizonDays,
        @DefaultValue("1h") Duration recomputeInterval) {

    public ScheduleSettings {
        if (trailingDays < 7 || trailingDays > 365) {
            throw new IllegalArgumentException("ops.schedule.trailing-days must be between 7 and 365");
        }
        if (windowHours < 1 || windowHours > 12) {
            throw new IllegalArgumentException("ops.schedule.window-hours must be between 1 and 12");
        }
        if (workStarts.getMinute() != 0 || workEnds.getMinute() != 0 || workStarts.getSecond() != 0 || workEnds.getSecond() != 0) {
            throw new IllegalArgumentException("ops.schedule.work-starts and work-ends must be whole hours");
        }
        int span = (workEnds.equals(LocalTime.MIDNIGHT) ? 24 : workEnds.getHour()) - workStarts.getHour();
        if (span < windowHours) {
            throw new IllegalArgumentException("ops.schedule.work-starts to work-ends must hold a window of window-hours");
        }
        if (horizonDays < 1 || horizonDays > 366) {
            throw new IllegalArgumentException("ops.schedule.horizon-days must be between 1 and 366");
        }
        if (recomputeInterval.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("ops.schedule.recompute-interval must be at least a minute");
        }
    }

    /** The hour the default working hours end, 24 for midnight. */
    int workEndHour() {
        return workEnds.equals(LocalTime.MIDNIGHT) ? 24 : workEnds.getHour();
    }
}
