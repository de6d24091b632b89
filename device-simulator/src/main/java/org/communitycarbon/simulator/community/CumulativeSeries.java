package org.communitycarbon.simulator.community;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * A cumulative quantity (a meter register, the kitchen waste a household has produced) as a pure,
 * non-decreasing function of simulated time. Each local day has a total and a shape: the day is cut into
 * quarter-hour slots with non-negative weights, and the quantity grows through each slot in proportion to
 * its weight. Because the value depends only on the instant, a register never decreases, however the
 * simulator is paced, and a restart with the same seed continues where the meter would be.
 * <p>
 * Not thread-safe: it caches the sum of the days before the last one asked for.
 */
final class CumulativeSeries {

    static final int SLOTS_PER_DAY = 96;

    private static final double NANOS_PER_DAY = 86_400e9;

    /** The amount per day and how it spreads over the day. */
    interface DayShape {

        /** What accumulates over the whole local day; never negative. */
        double total(long epochDay);

        /** The relative weight of a quarter-hour slot; never negative. */
        double slotWeight(long epochDay, int slot);

        /**
         * How far through its slot's amount the quantity is at {@code fraction} of the slot: non-decreasing
         * from 0 to 1. Linear unless the quantity has a known shape inside the slot (sunrise, sunset).
         */
        default double withinSlot(long epochDay, int slot, double fraction) {
            return fraction;
        }
    }

    private final ZoneId zone;
    private final long firstDay;
    private final DayShape shape;

    private long summedUpTo = Long.MIN_VALUE;
    private double summedBefore;
    private long shapedDay = Long.MIN_VALUE;
    private final double[] shareBySlot = new double[SLOTS_PER_DAY + 1];

    /**
     * @param firstDay the local day (epoch day) the quantity starts from zero, e.g. a meter's installation
     */
    CumulativeSeries(ZoneId zone, long firstDay, DayShape shape) {
        this.zone = zone;
        this.firstDay = firstDay;
        this.shape = shape;
    }

    double valueAt(Instant instant) {
        LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
        long day = local.toLocalDate().toEpochDay();
        if (day < firstDay) {
            return 0;
        }
        double fractionOfDay = local.toLocalTime().toNanoOfDay() / NANOS_PER_DAY;
        return totalBefore(day) + shape.total(day) * shareOfDay(day, fractionOfDay);
    }

    /** What accumulated over the whole days from the first day up to {@code day}, summed in day order. */
    private double totalBefore(long day) {
        if (summedUpTo == Long.MIN_VALUE || day < summedUpTo) {
            summedUpTo = firstDay;
            summedBefore = 0;
        }
        while (summedUpTo < day) {
            summedBefore += shape.total(summedUpTo);
            summedUpTo++;
        }
        return summedBefore;
    }

    /** The share of the day's total reached at {@code fractionOfDay}: 0 at midnight, at most 1. */
    private double shareOfDay(long day, double fractionOfDay) {
        if (day != shapedDay) {
            shape(day);
        }
        double position = fractionOfDay * SLOTS_PER_DAY;
        int slot = Math.min((int) position, SLOTS_PER_DAY - 1);
        double low = shareBySlot[slot];
        double high = shareBySlot[slot + 1];
        double within = Math.max(0, Math.min(1, shape.withinSlot(day, slot, position - slot)));
        return Math.min(high, low + (high - low) * within);
    }

    private void shape(long day) {
        double sum = 0;
        double[] weights = new double[SLOTS_PER_DAY];
        for (int slot = 0; slot < SLOTS_PER_DAY; slot++) {
            weights[slot] = Math.max(0, shape.slotWeight(day, slot));
            sum += weights[slot];
        }
        shareBySlot[0] = 0;
        for (int slot = 0; slot < SLOTS_PER_DAY; slot++) {
            double weight = sum > 0 ? weights[slot] / sum : 1.0 / SLOTS_PER_DAY;
            shareBySlot[slot + 1] = Math.min(1, shareBySlot[slot] + weight);
        }
        // The day ends at exactly its total, so the next day continues from the same value.
        shareBySlot[SLOTS_PER_DAY] = 1;
        shapedDay = day;
    }
}
