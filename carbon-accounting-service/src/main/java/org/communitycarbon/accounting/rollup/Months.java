package org.communitycarbon.accounting.rollup;

import java.sql.Date;
import java.time.LocalDate;

/**
 * A range of local days {@code [first, last]} cut into the whole local months it holds, read from the monthly rollups,
 * and the days at its edges, read from the daily ones: a query adds
 * {@code month BETWEEN wholeFrom AND wholeTo} (empty when there is no whole month) to
 * {@code (day BETWEEN headFrom AND headTo OR day BETWEEN tailFrom AND tailTo)}, which never holds a day of a whole month
 * and, without whole months, is the whole range (the two day ranges then overlap, counted once by the OR).
 */
public record Months(LocalDate first, LocalDate last, LocalDate wholeFrom, LocalDate wholeTo) {

    public static Months within(LocalDate first, LocalDate last) {
        LocalDate wholeFrom = first.getDayOfMonth() == 1 ? first : first.withDayOfMonth(1).plusMonths(1);
        LocalDate wholeTo = last.equals(last.withDayOfMonth(last.lengthOfMonth())) ? last : last.withDayOfMonth(1).minusDays(1);
        return new Months(first, last, wholeFrom, wholeTo);
    }

    /** The range read from the daily rollups alone (day by day answers). */
    public static Months none(LocalDate first, LocalDate last) {
        return new Months(first, last, last.plusDays(1), first.minusDays(1));
    }

    /** The bounds of {@code month BETWEEN ? AND ?}: the first days of the whole months. */
    public Object[] monthArgs() {
        return new Object[] {Date.valueOf(wholeFrom), Date.valueOf(wholeTo)};
    }

    /** The bounds of {@code (day BETWEEN ? AND ? OR day BETWEEN ? AND ?)}: the days outside the whole months. */
    public Object[] dayArgs() {
        LocalDate headTo = last.isBefore(wholeFrom) ? last : wholeFrom.minusDays(1);
        LocalDate tailFrom = first.isAfter(wholeTo) ? first : wholeTo.plusDays(1);
        return new Object[] {Date.valueOf(first), Date.valueOf(headTo), Date.valueOf(tailFrom), Date.valueOf(last)};
    }
}
