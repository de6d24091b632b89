package org.communitycarbon.recycling.pickup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.communitycarbon.model.ContractViolation;
import org.junit.jupiter.api.Test;

class PickupWindowTest {

    private final Instant now = Instant.parse("2026-11-22T08:00:00Z");

    @Test
    void anyTimeIsAWindowWithNeitherEnd() {
        assertThat(new PickupWindow(null, null).isAnyTime()).isTrue();
        assertThatNoException().isThrownBy(() -> PickupWindow.ANY_TIME.requireBookableAt(now));
    }

    @Test
    void acceptsAWindowThatEndsAfterItStartsWithinFourteenDays() {
        PickupWindow saturdayMorning = new PickupWindow(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(1).plusHours(4)));

        assertThatNoException().isThrownBy(() -> saturdayMorning.requireBookableAt(now));
        assertThatNoException().isThrownBy(
                () -> new PickupWindow(now, now.plus(PickupWindow.LONGEST_AHEAD)).requireBookableAt(now));
    }

    @Test
    void acceptsAWindowThatHasStartedButNotEnded() {
        assertThatNoException().isThrownBy(
                () -> new PickupWindow(now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(2))).requireBookableAt(now));
    }

    @Test
    void needsBothEndsOrNeither() {
        assertThatThrownBy(() -> new PickupWindow(now, null))
                .isInstanceOfSatisfying(ContractViolation.class, e -> assertThat(e.field()).isEqualTo("preferredUntil"));
        assertThatThrownBy(() -> new PickupWindow(null, now))
                .isInstanceOfSatisfying(ContractViolation.class, e -> assertThat(e.field()).isEqualTo("preferredFrom"));
    }

    @Test
    void refusesAWindowThatEndsBeforeOrWhenItStarts() {
        assertThatThrownBy(() -> new PickupWindow(now.plusSeconds(60), now))
                .isInstanceOfSatisfying(ContractViolation.class, e -> assertThat(e.field()).isEqualTo("preferredUntil"))
                .hasMessageContaining("after preferredFrom");
        assertThatThrownBy(() -> new PickupWindow(now, now))
                .isInstanceOfSatisfying(ContractViolation.class, e -> assertThat(e.field()).isEqualTo("preferredUntil"));
    }

    @Test
    void refusesAWindowThatHasAlreadyEnded() {
        PickupWindow yesterday = new PickupWindow(now.minus(Duration.ofDays(1)), now.minus(Duration.ofHours(20)));

        assertThatThrownBy(() -> yesterday.requireBookableAt(now))
                .isInstanceOfSatisfying(ContractViolation.class, e -> assertThat(e.field()).isEqualTo("preferredUntil"))
                .hasMessageContaining("future");
    }

    @Test
    void refusesAWindowEndingMoreThanFourteenDaysAhead() {
        PickupWindow tooFar = new PickupWindow(now.plus(Duration.ofDays(13)), now.plus(PickupWindow.LONGEST_AHEAD).plusSeconds(1));

        assertThatThrownBy(() -> tooFar.requireBookableAt(now))
                .isInstanceOfSatisfying(ContractViolation.class, e -> assertThat(e.field()).isEqualTo("preferredUntil"))
                .hasMessageContaining("14 days");
    }

    @Test
    void keepsInstantsToTheMicrosecondAsTheDatabaseDoes() {
        PickupWindow window = new PickupWindow(Instant.parse("2026-11-23T08:00:00.123456789Z"),
                Instant.parse("2026-11-23T10:00:00.000000999Z"));

        assertThat(window.from()).isEqualTo(Instant.parse("2026-11-23T08:00:00.123456Z"));
        assertThat(window.until()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
    }
}
