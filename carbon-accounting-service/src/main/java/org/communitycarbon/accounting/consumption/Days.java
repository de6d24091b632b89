package org.communitycarbon.accounting.consumption;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.communitycarbon.accounting.rollup.LocalCalendar;

/**
 * A period {@code (from, to]} cut into the whole local days it holds, {@code first} to {@code last} (read from daily
 * rollups; none when {@code first} is after {@code last}), and the partial days at its edges, {@code head} and
 * {@code tail}, each {@code (start, end]} (read from the readings; empty when start equals end).
 */
record Days(LocalDate first, LocalDate last, Instant[] head, Instant[] tail) {

    static Days within(Period period, ZoneId zone) {
        LocalDate first = LocalDate.ofInstant(period.from(), zone);
        if (!LocalCalendar.startOf(first, zone).equals(period.from())) {
            first = first.plusDays(1);
        }
        LocalDate last = LocalDate.ofInstant(period.to(), zone).minusDays(1);
        if (first.isAfter(last)) {
            return new Days(first, last, new Instant[] {period.from(), period.to()}, new Instant[] {period.to(), period.to()});
        }
        return new Days(first, last, new Instant[] {period.from(), LocalCalendar.startOf(first, zone)},
                new Instant[] {LocalCalendar.endOf(last, zone), period.to()});
    }
}
