package org.communitycarbon.ops.workorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.ops.AlertRaised;
import org.communitycarbon.model.ops.AlertType;
import org.communitycarbon.model.sensing.BinStatusReported;
import org.junit.jupiter.api.Test;

class BinOverflowRuleTest {

    private static final Instant SEEN = Instant.parse("2026-11-22T07:30:00Z");

    private final BinOverflowRule rule = new BinOverflowRule(new BinOverflowSettings(new BigDecimal("0.8"), Duration.ofHours(2), new BigDecimal("0.3")));

    @Test
    void aBinExactlyAtTheThresholdOverflows() {
        assertThat(rule.assess(status("0.8", SEEN), BinHistory.NONE)).isPresent();
        assertThat(rule.assess(status("0.80", SEEN), BinHistory.NONE)).isPresent();
        assertThat(rule.assess(status("1", SEEN), BinHistory.NONE)).isPresent();
    }

    @Test
    void aBinJustBelowTheThresholdOpensNothing() {
        assertThat(rule.assess(status("0.7999", SEEN), BinHistory.NONE)).isEmpty();
        assertThat(rule.assess(status("0", SEEN), BinHistory.NONE)).isEmpty();
    }

    @Test
    void opensAnOrderForTheBinOwnedByThePropertyTeamDueTwoHoursAfterTheReading() {
        BinStatusReported status = status("0.85", SEEN);

        NewWorkOrder order = rule.assess(status, BinHistory.NONE).orElseThrow();

        assertThat(order.id()).isEqualTo(EventIds.derived(status.eventId(), "work-order"));
        assertThat(order.communityId()).isEqualTo("maple-court");
        assertThat(order.type()).isEqualTo(WorkOrderType.BIN_OVERFLOW);
        assertThat(order.sourceId()).isEqualTo("bin-dp1-perishable");
        assertThat(order.sourceEventId()).isEqualTo(status.eventId());
        assertThat(order.title()).isEqualTo("Bin bin-dp1-perishable is 85% full");
        assertThat(order.observed()).isEqualTo(Quantity.of("0.85", Unit.RATIO));
        assertThat(order.threshold()).isEqualTo(Quantity.of("0.8", Unit.RATIO));
        assertThat(order.owner()).isEqualTo("property:maple-court");
        assertThat(order.openedAt()).isEqualTo(SEEN);
        assertThat(order.deadline()).isEqualTo(Instant.parse("2026-11-22T09:30:00Z"));
    }

    @Test
    void followsAConfiguredThresholdAndTimeToResolve() {
        var strict = new BinOverflowRule(new BinOverflowSettings(new BigDecimal("0.9"), Duration.ofMinutes(30), new BigDecimal("0.3")));

        assertThat(strict.assess(status("0.85", SEEN), BinHistory.NONE)).isEmpty();
        assertThat(strict.assess(status("0.9", SEEN), BinHistory.NONE).orElseThrow().deadline())
                .isEqualTo(Instant.parse("2026-11-22T08:00:00Z"));
    }

    @Test
    void aBinWithAnActiveOrderGetsNoSecondOne() {
        assertThat(rule.assess(status("1", SEEN), new BinHistory(true, null))).isEmpty();
        assertThat(rule.assess(status("1", SEEN), BinHistory.NONE.withActiveOrder())).isEmpty();
    }

    @Test
    void aReadingObservedAtOrBeforeTheLastResolutionReopensNothing() {
        BinHistory resolved = new BinHistory(false, SEEN);

        assertThat(rule.assess(status("0.95", SEEN), resolved)).isEmpty();
        assertThat(rule.assess(status("0.95", SEEN.minusSeconds(60)), resolved)).isEmpty();
    }

    @Test
    void aFullReadingObservedAfterTheLastResolutionOpensANewOrder() {
        BinHistory resolved = new BinHistory(false, SEEN);

        assertThat(rule.assess(status("0.95", SEEN.plusMillis(1)), resolved)).isPresent();
    }

    @Test
    void theSameStatusAlwaysOpensTheSameOrderWithTheSameAlert() {
        BinStatusReported status = status("0.85", SEEN);

        NewWorkOrder once = rule.assess(status, BinHistory.NONE).orElseThrow();
        NewWorkOrder again = rule.assess(status, BinHistory.NONE).orElseThrow();
        AlertRaised alert = once.alertRaised();

        assertThat(again).isEqualTo(once);
        assertThat(again.alertRaised()).isEqualTo(alert);
        assertThat(alert.eventId()).isEqualTo(EventIds.derived(once.id(), "alert-raised"));
        assertThat(alert.workOrderId()).isEqualTo(once.id());
        assertThat(alert.alertType()).isEqualTo(AlertType.BIN_OVERFLOW);
        assertThat(alert.occurredAt()).isEqualTo(SEEN);
        assertThat(alert.deadline()).isEqualTo(once.deadline());
        assertThat(alert.observed()).isEqualTo(once.observed());
    }

    @Test
    void titlesShowTheFillLevelAsAPercentage() {
        assertThat(rule.assess(status("1", SEEN), BinHistory.NONE).orElseThrow().title()).isEqualTo("Bin bin-dp1-perishable is 100% full");
        assertThat(rule.assess(status("0.8749", SEEN), BinHistory.NONE).orElseThrow().title())
                .isEqualTo("Bin bin-dp1-perishable is 87.5% full");
    }

    @Test
    void refusesSettingsThatMakeNoSense() {
        assertThatThrownBy(() -> new BinOverflowSettings(BigDecimal.ZERO, Duration.ofHours(2), new BigDecimal("0.3")))
                .hasMessageContaining("threshold");
        assertThatThrownBy(() -> new BinOverflowSettings(new BigDecimal("1.5"), Duration.ofHours(2), new BigDecimal("0.3")))
                .hasMessageContaining("threshold");
        assertThatThrownBy(() -> new BinOverflowSettings(new BigDecimal("0.8"), Duration.ZERO, new BigDecimal("0.3")))
                .hasMessageContaining("resolve-within");
    }

    private static BinStatusReported status(String fillingLevel, Instant observedAt) {
        return BinStatuses.status("maple-court", "bin-dp1-perishable", fillingLevel, observedAt);
    }
}
