package org.communitycarbon.accounting.rollup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The local calendar of a community. A figure at an instant — a meter reading's delta, the consumption of the
 * interval that ends then — belongs to the local day in which its interval ends: day D is {@code (D 00:00, D+1 00:00]}
 * in the community's time zone, so a reading at exactly midnight closes the day before. Every period of the API is
 * {@code (from, to]} the same way.
 */
public final class LocalCalendar {

    private LocalCalendar() {
    }

    /** The local day an instant's figure belongs to. */
    public static LocalDate dayOf(Instant at, ZoneId zone) {
        return LocalDate.ofInstant(at.minusNanos(1_000), zone);
    }

    /**
     * The local hour an instant's figure belongs to, as the instant that hour starts: hour H is {@code (H:00, H+1:00]}
     * in the community's time zone, as days are, so a local day is exactly its local hours.
     */
    public static Instant hourOf(Instant at, ZoneId zone) {
        return ZonedDateTime.ofInstant(at.minusNanos(1_000), zone).truncatedTo(ChronoUnit.HOURS).toInstant();
    }

    /** The instant a local day starts (exclusive: its figures are after it). */
    public static Instant startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The instant a local day ends (inclusive). */
    public static Instant endOf(LocalDate day, ZoneId zone) {
        return startOf(day.plusDays(1), zone);
    }

    public static YearMonth monthOf(Instant at, ZoneId zone) {
        return YearMonth.from(dayOf(at, zone));
    }
}
