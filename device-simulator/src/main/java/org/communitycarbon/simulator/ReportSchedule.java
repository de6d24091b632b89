package org.communitycarbon.simulator;

import java.time.Duration;

/**
 * When each device reports, in real time after the start. A device reports once per simulated minute,
 * at its phase within the minute, so that a minute's readings spread over the minute instead of
 * arriving in one burst. The first round is compressed into the first few real seconds (at most
 * {@code firstRound}), so that every device shows up right after the start even at speed 1.
 * <p>
 * Round {@code k >= 1} of a device with phase {@code p} is due at {@code (k + p) * period}, where the
 * period is a simulated minute in real time ({@code 60 s / speed}); round 0 at {@code p * min(period,
 * firstRound)}.
 */
final class ReportSchedule {

    static final Duration FIRST_ROUND = Duration.ofSeconds(5);

    private final long periodNanos;
    private final long firstRoundNanos;

    ReportSchedule(double speed, Duration firstRound) {
        this.periodNanos = Math.max(1, Math.round(60e9 / speed));
        this.firstRoundNanos = Math.min(periodNanos, firstRound.toNanos());
    }

    /** A simulated minute in real nanoseconds. */
    long periodNanos() {
        return periodNanos;
    }

    /** Real nanoseconds after the start at which round {@code round} of a device with {@code phase} is due. */
    long dueNanos(double phase, long round) {
        if (round == 0) {
            return Math.round(phase * firstRoundNanos);
        }
        return round * periodNanos + Math.round(phase * periodNanos);
    }

    /**
     * The round to report after {@code round} when it ran at {@code nowNanos}. Normally the next one; when
     * the simulator has fallen more than a period behind (a slow broker applying back-pressure), the first
     * round still ahead, so that a late device catches up instead of reporting in a burst.
     */
    long nextRound(double phase, long round, long nowNanos) {
        long next = round + 1;
        if (dueNanos(phase, next) >= nowNanos - periodNanos) {
            return next;
        }
        long skipTo = Math.max(next, (nowNanos - Math.round(phase * periodNanos)) / periodNanos + 1);
        return skipTo;
    }
}
