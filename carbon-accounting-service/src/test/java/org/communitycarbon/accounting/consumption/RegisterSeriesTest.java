package org.communitycarbon.accounting.consumption;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.communitycarbon.accounting.consumption.RegisterSeries.Assessment;
import org.communitycarbon.accounting.consumption.RegisterSeries.Reading;
import org.junit.jupiter.api.Test;

class RegisterSeriesTest {

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    /** A household electricity meter: at most 25 kWh an hour, about 0.42 kWh a minute. */
    private static final BigDecimal HOUSEHOLD_KWH = new BigDecimal("25");

    @Test
    void countsTheRiseBetweenConsistentReadings() {
        assertThat(assess("1234.5", "1234.6", "1234.8"))
                .containsExactly("FIRST", "OK 0.1", "OK 0.2");
    }

    @Test
    void aDropThatRecoversIsAGlitchAndTheConsumptionAroundItComesFromTrustedReadings() {
        // The example: counted naively, 1234.5 → 12.3 → 1235.0 is 1,222.7 kWh.
        assertThat(assess("1234.5", "12.3", "1235.0")).containsExactly("FIRST", "GLITCH", "OK 0.5");
    }

    @Test
    void aDropThatTheNextReadingsFollowIsAResetAndTheSeriesRestarts() {
        assertThat(assess("1234.5", "0.2", "0.5", "0.9")).containsExactly("FIRST", "RESET", "OK 0.3", "OK 0.4");
    }

    @Test
    void aSpikeBeyondTheMetersCapacityIsAGlitch() {
        assertThat(assess("1234.5", "99999", "1234.7")).containsExactly("FIRST", "GLITCH", "OK 0.2");
    }

    @Test
    void aRiseBeyondCapacityThatTheNextReadingsFollowIsAJumpNotConsumption() {
        assertThat(assess("1234.5", "5000", "5000.2")).containsExactly("FIRST", "JUMP", "OK 0.2");
    }

    @Test
    void theNewestInconsistentReadingIsPendingUntilTheNextArrives() {
        assertThat(assess("1234.5", "12.3")).containsExactly("FIRST", "PENDING");
    }

    @Test
    void aLongGapAllowsALargerRise() {
        List<Reading> readings = List.of(new Reading(T0, new BigDecimal("100")),
                new Reading(T0.plusSeconds(10 * 3600), new BigDecimal("300")));
        assertThat(describe(RegisterSeries.assess(readings, HOUSEHOLD_KWH))).containsExactly("FIRST", "OK 200");
    }

    @Test
    void aReadingThatFitsNeitherNeighbourIsAGlitch() {
        assertThat(assess("1234.5", "12.3", "5.0", "1234.9")).containsExactly("FIRST", "GLITCH", "GLITCH", "OK 0.4");
    }

    /** Readings a minute apart. */
    private static List<String> assess(String... registers) {
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < registers.length; i++) {
            readings.add(new Reading(T0.plusSeconds(60L * i), new BigDecimal(registers[i])));
        }
        return describe(RegisterSeries.assess(readings, HOUSEHOLD_KWH));
    }

    private static List<String> describe(List<Assessment> assessments) {
        return assessments.stream().map(a -> a.delta() == null ? a.quality().name()
                : a.quality() + " " + a.delta().stripTrailingZeros().toPlainString()).toList();
    }
}
