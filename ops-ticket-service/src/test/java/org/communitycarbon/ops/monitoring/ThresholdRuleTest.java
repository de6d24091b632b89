package org.communitycarbon.ops.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ThresholdRuleTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 10:00 in Shanghai. */
    private static final Instant MORNING = Instant.parse("2026-11-22T02:00:00Z");

    private final ThresholdRule rule = new ThresholdRule(new MonitoringSettings.Threshold(new BigDecimal("75"),
            new BigDecimal("50"), new BigDecimal("10"), Duration.ofMinutes(3), new BigDecimal("75"), WorkOrderFrom.CRITICAL),
            SHANGHAI, LocalTime.of(22, 0), LocalTime.of(6, 0));

    /** Judges one value a minute from {@code start}; returns the outcome of each. */
    private List<ThresholdRule.Outcome> judge(Instant start, String... values) {
        ThresholdRule.State state = ThresholdRule.State.NONE;
        List<ThresholdRule.Outcome> outcomes = new ArrayList<>();
        for (int minute = 0; minute < values.length; minute++) {
            ThresholdRule.Step step = rule.judge(state, start.plusSeconds(60L * minute), new BigDecimal(values[minute]));
            outcomes.add(step.outcome());
            state = step.state();
        }
        return outcomes;
    }

    @Test
    void raisesOnlyOnceTheLimitHeldForTheMinimumDuration() {
        assertThat(judge(MORNING, "80", "80", "80", "80"))
                .containsExactly(ThresholdRule.Outcome.NOTHING, ThresholdRule.Outcome.NOTHING, ThresholdRule.Outcome.NOTHING,
                        ThresholdRule.Outcome.RAISE);
    }

    @Test
    void aValueBelowTheLimitRestartsTheMinimumDuration() {
        assertThat(judge(MORNING, "80", "80", "74.9", "80", "80", "80")).doesNotContain(ThresholdRule.Outcome.RAISE);
    }

    @Test
    void clearsOnlyBelowTheLimitMinusTheHysteresisHeldForTheMinimumDuration() {
        // raised at minute 3; 70 and 65 stay within the hysteresis band; 64.9 four minutes long clears
        assertThat(judge(MORNING, "80", "80", "80", "80", "70", "65", "64.9", "60", "60", "60"))
                .containsExactly(ThresholdRule.Outcome.NOTHING, ThresholdRule.Outcome.NOTHING, ThresholdRule.Outcome.NOTHING,
                        ThresholdRule.Outcome.RAISE, ThresholdRule.Outcome.NOTHING, ThresholdRule.Outcome.NOTHING,
                        ThresholdRule.Outcome.NOTHING, ThresholdRule.Outcome.NOTHING, ThresholdRule.Outcome.NOTHING,
                        ThresholdRule.Outcome.CLEAR);
    }

    @Test
    void escalatesOnceTheCriticalMarginIsReached() {
        assertThat(judge(MORNING, "80", "80", "80", "80", "150"))
                .endsWith(ThresholdRule.Outcome.RAISE, ThresholdRule.Outcome.ESCALATE);
    }

    @Test
    void judgesTheNightLimitAtNightInTheCommunitysZone() {
        Instant lateEvening = Instant.parse("2026-11-22T14:30:00Z"); // 22:30 in Shanghai
        assertThat(rule.limitAt(lateEvening)).isEqualByComparingTo("50");
        assertThat(rule.limitAt(Instant.parse("2026-11-22T21:59:00Z"))).isEqualByComparingTo("50"); // 05:59
        assertThat(rule.limitAt(Instant.parse("2026-11-22T22:00:00Z"))).isEqualByComparingTo("75"); // 06:00
        assertThat(judge(lateEvening, "60", "60", "60", "60")).endsWith(ThresholdRule.Outcome.RAISE);
        assertThat(judge(MORNING, "60", "60", "60", "60")).doesNotContain(ThresholdRule.Outcome.RAISE);
    }

    @Test
    void ignoresAnObservationNotAfterTheLastOneJudged() {
        ThresholdRule.Step first = rule.judge(ThresholdRule.State.NONE, MORNING, new BigDecimal("80"));
        assertThat(rule.judge(first.state(), MORNING, new BigDecimal("80")).outcome()).isEqualTo(ThresholdRule.Outcome.STALE);
        assertThat(rule.judge(first.state(), MORNING.minusSeconds(60), new BigDecimal("80")).outcome())
                .isEqualTo(ThresholdRule.Outcome.STALE);
    }
}
