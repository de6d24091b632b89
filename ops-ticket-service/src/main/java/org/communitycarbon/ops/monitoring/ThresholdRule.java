package org.communitycarbon.ops.monitoring;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

/**
 * When one measure of one area raises and clears its alert, judged observation by observation in observation time
 * ({@code occurredAt}, never the wall clock):
 * <ul>
 * <li>the limit is the day or the night limit by the observation's local time (night from {@code nightStarts} to
 * {@code nightEnds} in the community's zone);</li>
 * <li>without an alert, a value at or above the limit starts a pending condition; the alert is raised by the first
 * observation that finds the condition held for the minimum duration since it started (at once when that is zero);
 * any value below the limit ends the pending condition;</li>
 * <li>with an alert, only a value below the limit minus the hysteresis starts clearing, and the alert clears once
 * values stayed there for the minimum duration; a value at or above limit minus hysteresis ends the clearing;</li>
 * <li>an alert is CRITICAL from the limit plus the critical margin, else WARNING; its severity only rises;</li>
 * <li>an observation not after the last one judged is ignored (a late or repeated observation).</li>
 * </ul>
 */
final class ThresholdRule {

    private final MonitoringSettings.Threshold threshold;
    private final ZoneId zone;
    private final LocalTime nightStarts;
    private final LocalTime nightEnds;

    ThresholdRule(MonitoringSettings.Threshold threshold, ZoneId zone, LocalTime nightStarts, LocalTime nightEnds) {
        this.threshold = threshold;
        this.zone = zone;
        this.nightStarts = nightStarts;
        this.nightEnds = nightEnds;
    }

    /**
     * Where the rule stands for one area and measure.
     *
     * @param lastObservedAt the latest observation judged
     * @param aboveSince without an alert: since when values have been at or above the limit
     * @param belowSince with an alert: since when values have been below the limit minus the hysteresis
     * @param active the severity of the active alert, null without one
     */
    record State(@Nullable Instant lastObservedAt, @Nullable Instant aboveSince, @Nullable Instant belowSince,
            @Nullable Severity active) {

        static final State NONE = new State(null, null, null, null);
    }

    /** What an observation changes: the new state, and what happens to the alert. */
    record Step(State state, Outcome outcome, BigDecimal limit) {
    }

    enum Outcome {
        NOTHING, RAISE, ESCALATE, CLEAR, STALE
    }

    Step judge(State state, Instant at, BigDecimal value) {
        BigDecimal limit = limitAt(at);
        if (state.lastObservedAt() != null && !at.isAfter(state.lastObservedAt())) {
            return new Step(state, Outcome.STALE, limit);
        }
        Severity active = state.active();
        if (active == null) {
            if (value.compareTo(limit) < 0) {
                return new Step(new State(at, null, null, null), Outcome.NOTHING, limit);
            }
            Instant since = state.aboveSince() == null ? at : state.aboveSince();
            if (held(since, at)) {
                return new Step(new State(at, null, null, severity(value, limit)), Outcome.RAISE, limit);
            }
            return new Step(new State(at, since, null, null), Outcome.NOTHING, limit);
        }
        BigDecimal clearBelow = limit.subtract(threshold.hysteresis());
        if (value.compareTo(clearBelow) < 0) {
            Instant since = state.belowSince() == null ? at : state.belowSince();
            if (held(since, at)) {
                return new Step(new State(at, null, null, null), Outcome.CLEAR, limit);
            }
            return new Step(new State(at, null, since, active), Outcome.NOTHING, limit);
        }
        Severity now = severity(value, limit);
        if (now.compareTo(active) > 0) {
            return new Step(new State(at, null, null, now), Outcome.ESCALATE, limit);
        }
        return new Step(new State(at, null, null, active), Outcome.NOTHING, limit);
    }

    /** The day or night limit at an instant. */
    BigDecimal limitAt(Instant at) {
        return isNight(at) ? threshold.nightLimit() : threshold.dayLimit();
    }

    boolean isNight(Instant at) {
        LocalTime local = at.atZone(zone).toLocalTime();
        return nightStarts.isAfter(nightEnds)
                ? !local.isBefore(nightStarts) || local.isBefore(nightEnds)
                : !local.isBefore(nightStarts) && local.isBefore(nightEnds);
    }

    BigDecimal clearBelow(Instant at) {
        return limitAt(at).subtract(threshold.hysteresis());
    }

    Severity severity(BigDecimal value, BigDecimal limit) {
        return value.compareTo(limit.add(threshold.criticalMargin())) >= 0 ? Severity.CRITICAL : Severity.WARNING;
    }

    private boolean held(Instant since, Instant at) {
        return Duration.between(since, at).compareTo(threshold.minimumDuration()) >= 0;
    }
}
