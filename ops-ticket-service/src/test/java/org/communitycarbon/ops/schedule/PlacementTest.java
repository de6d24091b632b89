package org.communitycarbon.ops.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PlacementTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** A Wednesday. */
    private static final LocalDate WEDNESDAY = LocalDate.of(2026, 12, 2);

    private final Map<DayOfWeek, int[]> windows = everyDay(13, 16);

    @Test
    void placesATaskAtTheStartOfTheNextWindow() {
        Placement.Slot slot = Placement.place(windows, SHANGHAI, at(WEDNESDAY, "09:10"), WEDNESDAY.plusDays(28),
                Duration.ofMinutes(60), List.of()).orElseThrow();
        assertThat(slot.start()).isEqualTo(at(WEDNESDAY, "13:00"));
        assertThat(slot.end()).isEqualTo(at(WEDNESDAY, "14:00"));
    }

    @Test
    void insideAWindowAlreadyBegunTheTaskStartsOnTheNextQuarterHour() {
        Placement.Slot slot = Placement.place(windows, SHANGHAI, at(WEDNESDAY, "13:05"), WEDNESDAY.plusDays(28),
                Duration.ofMinutes(60), List.of()).orElseThrow();
        assertThat(slot.start()).isEqualTo(at(WEDNESDAY, "13:15"));
    }

    @Test
    void tasksFollowEachOtherAndOneThatNoLongerFitsGoesToTheNextDay() {
        List<Placement.Slot> taken = List.of(new Placement.Slot(at(WEDNESDAY, "13:00"), at(WEDNESDAY, "14:30")));
        assertThat(Placement.place(windows, SHANGHAI, at(WEDNESDAY, "08:00"), WEDNESDAY.plusDays(28), Duration.ofMinutes(90),
                taken).orElseThrow().start()).isEqualTo(at(WEDNESDAY, "14:30"));
        assertThat(Placement.place(windows, SHANGHAI, at(WEDNESDAY, "08:00"), WEDNESDAY.plusDays(28), Duration.ofMinutes(120),
                taken).orElseThrow().start()).isEqualTo(at(WEDNESDAY.plusDays(1), "13:00"));
    }

    @Test
    void nothingWhenNoWindowHasRoomByTheLastDay() {
        List<Placement.Slot> taken = List.of(new Placement.Slot(at(WEDNESDAY, "13:00"), at(WEDNESDAY, "16:00")));
        assertThat(Placement.place(windows, SHANGHAI, at(WEDNESDAY, "08:00"), WEDNESDAY, Duration.ofMinutes(30), taken)).isEmpty();
        assertThat(Placement.place(windows, SHANGHAI, at(WEDNESDAY, "17:00"), WEDNESDAY, Duration.ofMinutes(30), List.of()))
                .isEmpty();
    }

    @Test
    void eachDayUsesItsOwnWindow() {
        Map<DayOfWeek, int[]> own = everyDay(13, 16);
        own.put(DayOfWeek.THURSDAY, new int[] {6, 9});
        assertThat(Placement.place(own, SHANGHAI, at(WEDNESDAY, "17:00"), WEDNESDAY.plusDays(7), Duration.ofMinutes(180),
                List.of()).orElseThrow().start()).isEqualTo(at(WEDNESDAY.plusDays(1), "06:00"));
    }

    private static Instant at(LocalDate day, String time) {
        return LocalDateTime.of(day, java.time.LocalTime.parse(time)).atZone(SHANGHAI).toInstant();
    }

    private static Map<DayOfWeek, int[]> everyDay(int start, int end) {
        Map<DayOfWeek, int[]> windows = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            windows.put(day, new int[] {start, end});
        }
        return windows;
    }
}
