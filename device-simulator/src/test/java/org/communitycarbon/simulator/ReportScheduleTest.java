package org.communitycarbon.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ReportScheduleTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void atSpeedOneEveryDeviceReportsWithinTheFirstFiveSeconds() {
        ReportSchedule schedule = new ReportSchedule(1, Duration.ofSeconds(5));

        assertThat(schedule.dueNanos(0.0, 0)).isZero();
        assertThat(schedule.dueNanos(0.999, 0)).isLessThan(5 * SECOND);
    }

    @Test
    void laterRoundsSpreadOverEachMinuteByPhase() {
        ReportSchedule schedule = new ReportSchedule(1, Duration.ofSeconds(5));

        assertThat(schedule.periodNanos()).isEqualTo(60 * SECOND);
        assertThat(schedule.dueNanos(0.0, 1)).isEqualTo(60 * SECOND);
        assertThat(schedule.dueNanos(0.5, 1)).isEqualTo(90 * SECOND);
        assertThat(schedule.dueNanos(0.5, 2)).isEqualTo(150 * SECOND);
    }

    @Test
    void atSpeedSixtyADeviceReportsEveryRealSecond() {
        ReportSchedule schedule = new ReportSchedule(60, Duration.ofSeconds(5));

        assertThat(schedule.periodNanos()).isEqualTo(SECOND);
        assertThat(schedule.dueNanos(0.25, 0)).isEqualTo(SECOND / 4);
        assertThat(schedule.dueNanos(0.25, 10)).isEqualTo(10 * SECOND + SECOND / 4);
    }

    @Test
    void eachRoundFallsInItsOwnSimulatedMinute() {
        ReportSchedule schedule = new ReportSchedule(7, Duration.ofSeconds(5));
        long period = schedule.periodNanos();

        for (double phase : new double[] {0.0, 0.3, 0.999}) {
            for (long round = 1; round < 50; round++) {
                assertThat(schedule.dueNanos(phase, round)).isBetween(round * period, (round + 1) * period - 1);
            }
        }
    }

    @Test
    void aDeviceOnTimeReportsTheNextRound() {
        ReportSchedule schedule = new ReportSchedule(60, Duration.ofSeconds(5));

        assertThat(schedule.nextRound(0.5, 3, schedule.dueNanos(0.5, 3) + 1_000)).isEqualTo(4);
    }

    @Test
    void aDeviceFarBehindSkipsToTheFirstRoundAhead() {
        ReportSchedule schedule = new ReportSchedule(60, Duration.ofSeconds(5));
        long now = 10 * SECOND + SECOND / 10;

        long next = schedule.nextRound(0.5, 2, now);

        assertThat(next).isEqualTo(10);
        assertThat(schedule.dueNanos(0.5, next)).isGreaterThan(now);
        assertThat(schedule.dueNanos(0.5, next - 1)).isLessThanOrEqualTo(now);
    }
}
