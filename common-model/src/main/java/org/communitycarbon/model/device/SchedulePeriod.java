package org.communitycarbon.model.device;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.jspecify.annotations.Nullable;

/**
 * One period of a daily schedule, in the community's local time, to the minute: {@code from} (inclusive) to
 * {@code to} (exclusive); a period whose {@code to} is before its {@code from} runs over midnight
 * ({@code 22:00}–{@code 06:00}). For a lighting schedule the lamps are on in the period at {@code dimmingPercent}
 * (1 to 100) and off outside every period; for an off-peak schedule the load may run in the period and carries no
 * dimming.
 */
public record SchedulePeriod(@Nullable LocalTime from, @Nullable LocalTime to, @Nullable Integer dimmingPercent) {

    /** At most this many periods a day: enough for any real schedule, and a command stays a few hundred bytes. */
    public static final int MAX_PERIODS = 12;

    private static final int DAY = 24 * 60;

    /** Whether a local time of day falls within the period. */
    public boolean covers(LocalTime time) {
        int at = minutes(time);
        int start = minutes(from());
        int end = minutes(to());
        return start < end ? at >= start && at < end : at >= start || at < end;
    }

    @Override
    public LocalTime from() {
        return Require.present(from, "from");
    }

    @Override
    public LocalTime to() {
        return Require.present(to, "to");
    }

    /**
     * Checks a whole schedule of {@code type}, naming the field at fault as {@code field[i].from} and so on: at most
     * {@value #MAX_PERIODS} periods (an off-peak schedule at least one: a pump never allowed to run is not a
     * schedule), whole minutes, not empty, not overlapping, with a dimming level exactly for lighting.
     *
     * @return the periods, as an unmodifiable list
     */
    public static List<SchedulePeriod> check(CommandType type, @Nullable List<SchedulePeriod> periods, String field) {
        Require.present(periods, field);
        if (periods.size() > MAX_PERIODS || (!type.dims() && periods.isEmpty())) {
            throw new ContractViolation(field, "must hold " + (type.dims() ? 0 : 1) + " to " + MAX_PERIODS + " periods, held "
                    + periods.size());
        }
        List<int[]> taken = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            String at = field + "[" + i + "]";
            SchedulePeriod period = Require.present(periods.get(i), at);
            LocalTime from = wholeMinute(period.from, at + ".from");
            LocalTime to = wholeMinute(period.to, at + ".to");
            if (from.equals(to)) {
                throw new ContractViolation(at + ".to", "must differ from from, " + from + "; a period is never empty");
            }
            if (type.dims()) {
                Integer dimming = Require.present(period.dimmingPercent, at + ".dimmingPercent");
                if (dimming < 1 || dimming > 100) {
                    throw new ContractViolation(at + ".dimmingPercent", "must be between 1 and 100, was " + dimming);
                }
            }
            else if (period.dimmingPercent != null) {
                throw new ContractViolation(at + ".dimmingPercent", "is only for lighting schedules");
            }
            for (int[] span : spans(minutes(from), minutes(to))) {
                for (int[] other : taken) {
                    if (span[0] < other[1] && other[0] < span[1]) {
                        throw new ContractViolation(at, "overlaps period " + other[2] + " (" + periods.get(other[2]).from + "–"
                                + periods.get(other[2]).to + ")");
                    }
                }
            }
            for (int[] span : spans(minutes(from), minutes(to))) {
                taken.add(new int[] {span[0], span[1], i});
            }
        }
        return List.copyOf(periods);
    }

    private static LocalTime wholeMinute(@Nullable LocalTime time, String field) {
        Require.present(time, field);
        if (time.getSecond() != 0 || time.getNano() != 0) {
            throw new ContractViolation(field, "must be a time of day to the minute, such as 18:30, was " + time);
        }
        return time;
    }

    /** The period as one or two spans of minutes within the day. */
    private static List<int[]> spans(int start, int end) {
        return start < end ? List.of(new int[] {start, end}) : List.of(new int[] {start, DAY}, new int[] {0, end});
    }

    private static int minutes(LocalTime time) {
        return time.getHour() * 60 + time.getMinute();
    }
}
