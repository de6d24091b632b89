package org.communitycarbon.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class SimulationClockTest {

    private static final Instant REAL_START = Instant.parse("2026-03-10T02:00:00Z");

    private final MutableClock real = new MutableClock(REAL_START);

    @Test
    void startsAtTheRealCurrentTime() {
        SimulationClock clock = SimulationClock.startingNow(real, 60);

        assertThat(clock.simulatedNow()).isEqualTo(REAL_START);
        assertThat(clock.realNow()).isEqualTo(REAL_START);
    }

    @Test
    void atSpeedSixtyASimulatedMinutePassesInOneRealSecond() {
        SimulationClock clock = SimulationClock.startingNow(real, 60);

        real.advance(Duration.ofSeconds(1));
        assertThat(clock.simulatedNow()).isEqualTo(REAL_START.plus(Duration.ofMinutes(1)));

        real.advance(Duration.ofMillis(500));
        assertThat(clock.simulatedNow()).isEqualTo(REAL_START.plus(Duration.ofSeconds(90)));
        assertThat(clock.realNow()).isEqualTo(REAL_START.plus(Duration.ofMillis(1_500)));
    }

    @Test
    void atSpeedOneSimulatedTimeIsRealTime() {
        SimulationClock clock = SimulationClock.startingNow(real, 1);

        real.advance(Duration.ofMinutes(37));

        assertThat(clock.simulatedNow()).isEqualTo(real.instant());
    }

    @Test
    void slowerThanRealTimeWorksToo() {
        SimulationClock clock = SimulationClock.startingNow(real, 0.5);

        real.advance(Duration.ofMinutes(2));

        assertThat(clock.simulatedNow()).isEqualTo(REAL_START.plus(Duration.ofMinutes(1)));
    }

    @Test
    void mapsBothWaysFromAChosenSimulatedStart() {
        Instant simulatedStart = Instant.parse("2026-06-01T09:55:00Z");
        SimulationClock clock = SimulationClock.startingAt(real, simulatedStart, 600);

        assertThat(clock.simulatedAt(REAL_START.plusSeconds(6))).isEqualTo(simulatedStart.plus(Duration.ofHours(1)));
        assertThat(clock.realAt(simulatedStart.plus(Duration.ofHours(1)))).isEqualTo(REAL_START.plusSeconds(6));
        assertThat(clock.realDuration(Duration.ofMinutes(1))).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void refusesASpeedThatIsNotPositive() {
        assertThatThrownBy(() -> SimulationClock.startingNow(real, 0)).hasMessageContaining("speed");
        assertThatThrownBy(() -> SimulationClock.startingNow(real, -2)).hasMessageContaining("speed");
    }
}
