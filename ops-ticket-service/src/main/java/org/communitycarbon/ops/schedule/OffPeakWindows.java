package org.communitycarbon.ops.schedule;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses each day of the week's off-peak window from an hourly profile: of the spans of {@code length} consecutive
 * whole hours inside the working hours, the one with the fewest deposits; among equals the one whose common areas drew
 * the least electricity; among those the earliest. No Spring, no database: {@code OffPeakWindowsTest}.
 */
final class OffPeakWindows {

    private OffPeakWindows() {
    }

    /**
     * Deposits and common-area electricity per local day of the week and hour, summed over the trailing days.
     *
     * @param deposits {@code [day of week - 1][hour]}
     * @param energy kWh, {@code [day of week - 1][hour]}
     */
    record Profile(long[][] deposits, BigDecimal[][] energy) {

        static Profile empty() {
            long[][] deposits = new long[7][24];
            BigDecimal[][] energy = new BigDecimal[7][24];
            for (BigDecimal[] day : energy) {
                java.util.Arrays.fill(day, BigDecimal.ZERO);
            }
            return new Profile(deposits, energy);
        }

        long deposits(DayOfWeek day, int hour) {
            return deposits[day.getValue() - 1][hour];
        }

        BigDecimal energy(DayOfWeek day, int hour) {
            return energy[day.getValue() - 1][hour];
        }
    }

    /**
     * A day's off-peak window and the figures that chose it.
     *
     * @param startHour the local hour it begins
     * @param endHour the local hour it ends, exclusive (24 for midnight)
     * @param deposits the deposits in its hours over the trailing days
     * @param energyKwh the common-area electricity in its hours over the trailing days
     * @param dayDeposits the deposits of the whole day over the trailing days
     * @param busiestHour the local hour of the day with the most deposits (the earliest of equals)
     * @param busiestHourDeposits its deposits
     */
    record Window(DayOfWeek dayOfWeek, int startHour, int endHour, long deposits, BigDecimal energyKwh, long dayDeposits,
            int busiestHour, long busiestHourDeposits) {

        boolean sameHours(Window other) {
            return dayOfWeek == other.dayOfWeek && startHour == other.startHour && endHour == other.endHour;
        }
    }

    /**
     * The window of each day, Monday first.
     *
     * @param workStart the first working hour
     * @param workEnd the hour working ends, exclusive, at least {@code workStart + length}
     * @param length the window's length in hours, at least 1
     */
    static List<Window> choose(Profile profile, int workStart, int workEnd, int length) {
        if (length < 1 || workStart < 0 || workEnd > 24 || workEnd - workStart < length) {
            throw new IllegalArgumentException("A window of " + length + " h does not fit " + workStart + "-" + workEnd);
        }
        List<Window> windows = new ArrayList<>(7);
        for (DayOfWeek day : DayOfWeek.values()) {
            int best = -1;
            long bestDeposits = Long.MAX_VALUE;
            BigDecimal bestEnergy = BigDecimal.ZERO;
            for (int start = workStart; start + length <= workEnd; start++) {
                long deposits = 0;
                BigDecimal energy = BigDecimal.ZERO;
                for (int hour = start; hour < start + length; hour++) {
                    deposits += profile.deposits(day, hour);
                    energy = energy.add(profile.energy(day, hour));
                }
                if (deposits < bestDeposits || (deposits == bestDeposits && energy.compareTo(bestEnergy) < 0)) {
                    best = start;
                    bestDeposits = deposits;
                    bestEnergy = energy;
                }
            }
            long dayDeposits = 0;
            int busiest = 0;
            for (int hour = 0; hour < 24; hour++) {
                dayDeposits += profile.deposits(day, hour);
                if (profile.deposits(day, hour) > profile.deposits(day, busiest)) {
                    busiest = hour;
                }
            }
            windows.add(new Window(day, best, best + length, bestDeposits, bestEnergy, dayDeposits, busiest,
                    profile.deposits(day, busiest)));
        }
        return windows;
    }
}
