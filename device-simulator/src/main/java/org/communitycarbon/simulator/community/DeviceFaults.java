package org.communitycarbon.simulator.community;

import java.time.Duration;

/**
 * What goes wrong with the community's devices, so that the platform's device health, dead letters and work orders
 * have something to do: batteries running low, power cuts, faulty firmware. All off by default. Which devices and
 * which messages are hit follows from the seed, so a run can be repeated.
 *
 * @param lowBatteryShare share of the battery-powered devices (sorting bins, environment sensors) whose battery
 *        starts low, below 0.15 (the platform counts below 0.2 as low); the others start between 0.6 and 1. Every
 *        battery drains about 0.5 % a simulated day.
 * @param outageShare share of all devices that lose power once, at a time within the first simulated day, and
 *        publish nothing for {@code outageMinutes}
 * @param outageMinutes how long each of those outages lasts, in simulated minutes
 * @param glitchRate share of messages sent broken, as faulty firmware would (a word where a number belongs, a
 *        negative meter register, no {@code dateObserved}, cut-off JSON): the platform refuses them to its dead-letter
 *        topic
 */
public record DeviceFaults(double lowBatteryShare, double outageShare, int outageMinutes, double glitchRate) {

    /** A community whose devices never fail. */
    public static final DeviceFaults NONE = new DeviceFaults(0, 0, 60, 0);

    public DeviceFaults {
        share(lowBatteryShare, "lowBatteryShare");
        share(outageShare, "outageShare");
        if (outageMinutes < 1) {
            throw new IllegalArgumentException("outageMinutes: must be at least 1, was " + outageMinutes);
        }
        share(glitchRate, "glitchRate");
    }

    /** How long each planned outage lasts, in simulated time. */
    public Duration outageDuration() {
        return Duration.ofMinutes(outageMinutes);
    }

    /** Whether any device ever fails. */
    public boolean any() {
        return lowBatteryShare > 0 || outageShare > 0 || glitchRate > 0;
    }

    private static void share(double value, String field) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(field + ": must be between 0 and 1, was " + value);
        }
    }
}
