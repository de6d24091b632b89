package org.communitycarbon.credits.earning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The device velocity limit counts drops in any 60 seconds that hold the new one, before or after it. */
class DeviceVelocityTest {

    private static final Instant T = Instant.parse("2026-12-02T00:00:00Z");

    @Test
    void aSeventhDropWithinAMinuteIsTooManyForALimitOfSix() {
        List<Instant> credited = seconds(0, 10, 20, 30, 40, 50);

        assertThat(Earnings.tooManyWithinAMinute(credited, T.plusSeconds(55), 6)).isTrue();
        assertThat(Earnings.tooManyWithinAMinute(credited, T.plusSeconds(60), 6)).as("the first has left the minute").isFalse();
    }

    @Test
    void countsDropsThatOccurredAfterTheNewOneToo() {
        // the later drops were credited first: a drop arriving late still makes seven within one minute
        assertThat(Earnings.tooManyWithinAMinute(seconds(10, 20, 30, 40, 50, 59), T, 6)).isTrue();
        assertThat(Earnings.tooManyWithinAMinute(seconds(30, 40, 50, 60, 70, 80), T.plusSeconds(5), 6))
                .as("no 60 seconds hold seven").isFalse();
    }

    private static List<Instant> seconds(long... offsets) {
        List<Instant> times = new ArrayList<>();
        for (long offset : offsets) {
            times.add(T.plusSeconds(offset));
        }
        return times;
    }
}
