package org.communitycarbon.ops.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import java.time.DayOfWeek;

/**
 * Places a task of a given length into the earliest off-peak window occurrence that has room for it: from its earliest
 * start (now, or the start of its "not before" day) to the end of its "by" day (or the horizon), the task starts at the
 * window's start, or after the tasks already placed there, on a quarter hour. The property team does one planned task
 * at a time, so tasks never overlap. No Spring, no database: {@code PlacementTest}.
 */
final class Placement {

    private static final Duration QUARTER = Duration.ofMinutes(15);

    private Placement() {
    }

    /** A placed task's time, start inclusive, end exclusive. */
    record Slot(Instant start, Instant end) {

        boolean overlaps(Instant from, Instant to) {
            return start.isBefore(to) && from.isBefore(end);
        }
    }

    /**
     * @param windows the window hours of each day of the week ({@code [start hour, end hour)})
     * @param earliest the task may not start before this
     * @param lastDay the last local day it may be placed on, inclusive
     * @param taken the slots of the community's other tasks
     */
    static Optional<Slot> place(Map<DayOfWeek, int[]> windows, ZoneId zone, Instant earliest, LocalDate lastDay,
            Duration length, List<Slot> taken) {
        Instant from = roundUp(earliest);
        for (LocalDate day = LocalDate.ofInstant(from, zone); !day.isAfter(lastDay); day = day.plusDays(1)) {
            int[] hours = windows.get(day.getDayOfWeek());
            if (hours == null) {
                continue;
            }
            Instant opens = day.atStartOfDay(zone).plusHours(hours[0]).toInstant();
            Instant closes = day.atStartOfDay(zone).plusHours(hours[1]).toInstant();
            Instant start = opens.isBefore(from) ? from : opens;
            boolean moved = true;
            while (moved) {
                moved = false;
                for (Slot slot : taken) {
                    if (slot.overlaps(start, start.plus(length))) {
                        start = roundUp(slot.end());
                        moved = true;
                    }
                }
            }
            if (!start.plus(length).isAfter(closes)) {
                return Optional.of(new Slot(start, start.plus(length)));
            }
        }
        return Optional.empty();
    }

    /** The instant rounded up to a quarter hour (of UTC, which is a quarter hour of every zone in use). */
    static Instant roundUp(Instant instant) {
        Instant floor = instant.truncatedTo(ChronoUnit.HOURS);
        while (floor.isBefore(instant)) {
            floor = floor.plus(QUARTER);
        }
        return floor;
    }
}
