package org.communitycarbon.accounting.consumption;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Classifies one meter's readings in time order and computes what each contributes. Pure: the recorder
 * feeds it the readings from the last trusted one before the earliest new reading to the newest.
 * <p>
 * A reading is measured against the previous <em>trusted</em> reading (the anchor). If it rose by no more than
 * the meter's maximum rate over the interval, it is {@link RegisterQuality#OK} and its delta counts. If not —
 * the register fell, or rose impossibly fast — the next reading decides: if the next one is consistent with
 * the anchor, this one was a {@link RegisterQuality#GLITCH}; if it is consistent with this one, the series
 * restarted here ({@link RegisterQuality#RESET} after a fall, {@link RegisterQuality#JUMP} after a rise);
 * without a next reading it is {@link RegisterQuality#PENDING} until one arrives.
 */
final class RegisterSeries {

    /** Readings a minute apart or closer are judged as if a minute apart: clocks jitter. */
    static final Duration SHORTEST_INTERVAL = Duration.ofMinutes(1);
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

    /** A reading as stored. */
    record Reading(Instant observedAt, BigDecimal register) {
    }

    /** What a reading contributes: its quality and, for an {@code OK} reading, its consumption. */
    record Assessment(RegisterQuality quality, @Nullable BigDecimal delta) {

        static final Assessment FIRST = new Assessment(RegisterQuality.FIRST, null);
    }

    private RegisterSeries() {
    }

    /**
     * @param readings in time order; the first is taken as trusted if {@code firstTrusted}, otherwise it is the
     *        device's very first reading
     * @param maxPerHour the most the register can rise in an hour (the meter's capacity)
     * @return an assessment per reading, in the same order
     */
    static List<Assessment> assess(List<Reading> readings, BigDecimal maxPerHour) {
        List<Assessment> result = new ArrayList<>(readings.size());
        Reading anchor = null;
        for (int i = 0; i < readings.size(); i++) {
            Reading reading = readings.get(i);
            if (anchor == null) {
                result.add(Assessment.FIRST);
                anchor = reading;
                continue;
            }
            BigDecimal rise = reading.register().subtract(anchor.register());
            if (plausible(anchor, reading, maxPerHour)) {
                result.add(new Assessment(RegisterQuality.OK, rise));
                anchor = reading;
                continue;
            }
            Reading next = i + 1 < readings.size() ? readings.get(i + 1) : null;
            if (next == null) {
                result.add(new Assessment(RegisterQuality.PENDING, null));
            }
            else if (plausible(anchor, next, maxPerHour)) {
                result.add(new Assessment(RegisterQuality.GLITCH, null));
            }
            else if (plausible(reading, next, maxPerHour)) {
                result.add(new Assessment(rise.signum() < 0 ? RegisterQuality.RESET : RegisterQuality.JUMP, null));
                anchor = reading;
            }
            else {
                result.add(new Assessment(RegisterQuality.GLITCH, null));
            }
        }
        return result;
    }

    /** Whether {@code later} can follow {@code earlier}: not lower, and no faster than the meter's capacity. */
    static boolean plausible(Reading earlier, Reading later, BigDecimal maxPerHour) {
        BigDecimal rise = later.register().subtract(earlier.register());
        if (rise.signum() < 0) {
            return false;
        }
        Duration interval = Duration.between(earlier.observedAt(), later.observedAt());
        if (interval.compareTo(SHORTEST_INTERVAL) < 0) {
            interval = SHORTEST_INTERVAL;
        }
        BigDecimal allowed = maxPerHour.multiply(BigDecimal.valueOf(interval.toSeconds())).divide(SECONDS_PER_HOUR,
                6, java.math.RoundingMode.UP);
        return rise.compareTo(allowed) <= 0;
    }
}
