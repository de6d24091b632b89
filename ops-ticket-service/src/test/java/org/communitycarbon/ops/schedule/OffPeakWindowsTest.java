package org.communitycarbon.ops.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.List;

import org.junit.jupiter.api.Test;

class OffPeakWindowsTest {

    /** Busy mornings (07-09) and evenings (18-20), quiet early afternoons. */
    private static final long[] BUSY_MORNINGS_AND_EVENINGS = {
        0, 0, 0, 0, 0, 0, 1, 3, 3, 1, 1, 1, 1, 0, 0, 0, 1, 1, 3, 3, 1, 1, 0, 0};

    @Test
    void choosesTheSpanWithTheFewestDepositsInsideWorkingHours() {
        OffPeakWindows.Profile profile = profile(BUSY_MORNINGS_AND_EVENINGS);
        List<OffPeakWindows.Window> windows = OffPeakWindows.choose(profile, 6, 22, 3);
        assertThat(windows).hasSize(7);
        assertThat(windows).allSatisfy(w -> {
            assertThat(w.startHour()).isEqualTo(13);
            assertThat(w.endHour()).isEqualTo(16);
            assertThat(w.deposits()).isZero();
            assertThat(w.dayDeposits()).isEqualTo(21);
            assertThat(w.busiestHour()).isEqualTo(7);
            assertThat(w.busiestHourDeposits()).isEqualTo(3);
        });
        // the night is quieter still, but outside the staff's working hours
        assertThat(windows.get(0).startHour()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void lessElectricityBreaksATieAndThenTheEarlierSpan() {
        long[] flat = new long[24];
        java.util.Arrays.fill(flat, 2);
        OffPeakWindows.Profile profile = profile(flat);
        assertThat(OffPeakWindows.choose(profile, 6, 22, 2).get(0).startHour()).isEqualTo(6);
        profile.energy()[0][6] = new BigDecimal("5");
        profile.energy()[0][11] = new BigDecimal("0.5");
        for (int hour = 0; hour < 24; hour++) {
            if (hour != 11) {
                profile.energy()[0][hour] = profile.energy()[0][hour].add(BigDecimal.ONE);
            }
        }
        OffPeakWindows.Window monday = OffPeakWindows.choose(profile, 6, 22, 2).get(0);
        assertThat(monday.dayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(monday.startHour()).isEqualTo(10);
        assertThat(monday.energyKwh()).isEqualByComparingTo("1.5");
    }

    @Test
    void eachDayOfTheWeekHasItsOwnWindow() {
        OffPeakWindows.Profile profile = profile(BUSY_MORNINGS_AND_EVENINGS);
        // Sundays are busy in the early afternoon and quiet in the morning
        long[] sunday = {0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 5, 5, 5, 2, 2, 2, 2, 2, 2, 0, 0};
        profile.deposits()[6] = sunday;
        List<OffPeakWindows.Window> windows = OffPeakWindows.choose(profile, 6, 22, 3);
        assertThat(windows.get(5).startHour()).isEqualTo(13);
        assertThat(windows.get(6).startHour()).isEqualTo(6);
        assertThat(windows.get(6).endHour()).isEqualTo(9);
    }

    @Test
    void aWindowCanEndAtMidnight() {
        OffPeakWindows.Profile profile = profile(BUSY_MORNINGS_AND_EVENINGS);
        profile.deposits()[0] = new long[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 0, 0, 0};
        assertThat(OffPeakWindows.choose(profile, 0, 24, 3).get(0).endHour()).isEqualTo(24);
    }

    @Test
    void refusesAWindowLongerThanTheWorkingHours() {
        assertThatIllegalArgumentException().isThrownBy(() -> OffPeakWindows.choose(OffPeakWindows.Profile.empty(), 10, 12, 3));
    }

    private static OffPeakWindows.Profile profile(long[] everyDay) {
        OffPeakWindows.Profile profile = OffPeakWindows.Profile.empty();
        for (int day = 0; day < 7; day++) {
            profile.deposits()[day] = everyDay.clone();
        }
        return profile;
    }
}
