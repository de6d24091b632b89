package org.communitycarbon.simulator.community;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * The battery of a sorting bin or an environment sensor: charged to {@code startLevel} when the simulation starts,
 * draining steadily with simulated time until it is empty. Meters are mains-powered and have none. A function of
 * simulated time, like the registers, so its level does not depend on how often the device is asked.
 */
final class Battery {

    /** Most batteries start between these levels. */
    static final double HEALTHY_FROM = 0.6;
    static final double HEALTHY_TO = 1.0;
    /** A low battery starts between these, below the platform's 0.2. */
    static final double LOW_FROM = 0.05;
    static final double LOW_BELOW = 0.15;
    /** What a battery loses in a simulated day on average: a year of sending once a minute, from full to empty. */
    static final double DRAIN_PER_DAY = 0.005;

    private static final double SECONDS_PER_DAY = 86_400;

    private final Instant since;
    private final double startLevel;
    private final double drainPerDay;

    Battery(Instant since, double startLevel, double drainPerDay) {
        if (!(startLevel >= 0 && startLevel <= 1) || !(drainPerDay >= 0)) {
            throw new IllegalArgumentException("a battery starts between 0 and 1 and does not charge itself, was "
                    + startLevel + " draining " + drainPerDay + " a day");
        }
        this.since = since;
        this.startLevel = startLevel;
        this.drainPerDay = drainPerDay;
    }

    /** The charge at a simulated instant, from 0 (empty) to 1 (full), to the thousandth and rounded down as the device API asks. */
    BigDecimal levelAt(Instant simulatedAt) {
        Duration elapsed = Duration.between(since, simulatedAt);
        double days = Math.max(0, (elapsed.getSeconds() + elapsed.getNano() / 1e9) / SECONDS_PER_DAY);
        double level = Math.max(0, startLevel - drainPerDay * days);
        return BigDecimal.valueOf(level).setScale(org.communitycarbon.model.device.Battery.LEVEL_SCALE, RoundingMode.DOWN);
    }

    @Override
    public String toString() {
        return "Battery[" + startLevel + " at " + since + ", -" + drainPerDay + "/day]";
    }
}
