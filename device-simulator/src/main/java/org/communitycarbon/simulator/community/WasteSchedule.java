package org.communitycarbon.simulator.community;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * When the drop points are open and when the bins are emptied, in the community's local time
 * (default: 07:00-09:00 and 18:00-20:00, collections at 09:30 and 20:30).
 */
public final class WasteSchedule {

    /** One opening of the drop points on a given day. */
    public record Opening(Instant opens, Instant closes) {

        public boolean contains(Instant instant) {
            return !instant.isBefore(opens) && instant.isBefore(closes);
        }
    }

    private final ZoneId zone;
    private final List<TimeWindow> windows;
    private final List<LocalTime> collections;

    public WasteSchedule(ZoneId zone, List<TimeWindow> windows, List<LocalTime> collections) {
        this.zone = zone;
        this.windows = List.copyOf(windows);
        this.collections = List.copyOf(collections);
    }

    static WasteSchedule of(CommunitySpec spec) {
        return new WasteSchedule(spec.zone(), spec.dropWindows(), spec.collectionTimes());
    }

    /** Whether the drop points accept deposits at this instant. */
    public boolean isOpen(Instant instant) {
        LocalTime time = instant.atZone(zone).toLocalTime();
        return windows.stream().anyMatch(window -> window.contains(time));
    }

    /** The first opening that starts at or after {@code instant}; {@code null} if there are no windows. */
    @Nullable Opening nextOpening(Instant instant) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        for (int d = -1; d <= 2; d++) {
            for (TimeWindow window : windows) {
                Instant opens = at(day.plusDays(d), window.opens());
                if (!opens.isBefore(instant)) {
                    return new Opening(opens, at(day.plusDays(d), window.closes()));
                }
            }
        }
        return null;
    }

    /** Collections after {@code after} up to and including {@code upTo}, in order. */
    List<Instant> collectionsBetween(Instant after, Instant upTo) {
        List<Instant> found = new ArrayList<>();
        if (!upTo.isAfter(after) || collections.isEmpty()) {
            return found;
        }
        for (LocalDate day = after.atZone(zone).toLocalDate(); !day.isAfter(upTo.atZone(zone).toLocalDate()); day = day.plusDays(1)) {
            for (LocalTime time : collections) {
                Instant collection = at(day, time);
                if (collection.isAfter(after) && !collection.isAfter(upTo)) {
                    found.add(collection);
                }
            }
        }
        return found;
    }

    /** The last collection at or before {@code instant}; {@code null} if there are none. */
    @Nullable Instant lastCollection(Instant instant) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        for (int d = 0; d >= -1; d--) {
            for (int i = collections.size() - 1; i >= 0; i--) {
                Instant collection = at(day.plusDays(d), collections.get(i));
                if (!collection.isAfter(instant)) {
                    return collection;
                }
            }
        }
        return null;
    }

    private Instant at(LocalDate day, LocalTime time) {
        return ZonedDateTime.of(day, time, zone).toInstant();
    }
}
