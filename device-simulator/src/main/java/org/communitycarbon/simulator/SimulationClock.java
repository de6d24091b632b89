package org.communitycarbon.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Maps real time to simulated time: the simulated clock starts at {@code simulatedStart} when the real
 * clock shows {@code realStart} and then runs {@code speed} times as fast. At speed 60 a simulated minute
 * passes in one real second. The real clock is injected, so tests move time instead of waiting.
 */
public final class SimulationClock {

    private final Clock real;
    private final Instant realStart;
    private final Instant simulatedStart;
    private final double speed;

    private SimulationClock(Clock real, Instant realStart, Instant simulatedStart, double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed: must be above 0, was " + speed);
        }
        this.real = real;
        this.realStart = realStart;
        this.simulatedStart = simulatedStart;
        this.speed = speed;
    }

    /** Starts now on the real clock; the simulated clock starts at the same instant. */
    public static SimulationClock startingNow(Clock real, double speed) {
        Instant now = real.instant();
        return new SimulationClock(real, now, now, speed);
    }

    /** Starts now on the real clock, with the simulated clock at {@code simulatedStart}. */
    public static SimulationClock startingAt(Clock real, Instant simulatedStart, double speed) {
        return new SimulationClock(real, real.instant(), simulatedStart, speed);
    }

    public double speed() {
        return speed;
    }

    public Instant realStart() {
        return realStart;
    }

    public Instant simulatedStart() {
        return simulatedStart;
    }

    /** The real clock's current instant: what devices stamp their messages with. */
    public Instant realNow() {
        return real.instant();
    }

    public Instant simulatedNow() {
        return simulatedAt(realNow());
    }

    /** The simulated instant at a real instant. */
    public Instant simulatedAt(Instant realInstant) {
        long elapsed = Duration.between(realStart, realInstant).toNanos();
        return simulatedStart.plusNanos(Math.round(elapsed * speed));
    }

    /** The real instant at which the simulated clock shows {@code simulatedInstant}. */
    public Instant realAt(Instant simulatedInstant) {
        long elapsed = Duration.between(simulatedStart, simulatedInstant).toNanos();
        return realStart.plusNanos(Math.round(elapsed / speed));
    }

    /** How long a simulated duration takes in real time. */
    public Duration realDuration(Duration simulated) {
        return Duration.ofNanos(Math.round(simulated.toNanos() / speed));
    }

    /** Real time elapsed since the start, in nanoseconds. */
    long realElapsedNanos() {
        return Duration.between(realStart, realNow()).toNanos();
    }
}
