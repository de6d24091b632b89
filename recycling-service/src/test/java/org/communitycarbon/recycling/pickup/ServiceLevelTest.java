package org.communitycarbon.recycling.pickup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class ServiceLevelTest {

    private final ServiceLevel mission = new ServiceLevel(Duration.ofHours(1), Duration.ofHours(24));
    private final Instant requestedAt = Instant.parse("2026-11-22T08:00:00Z");

    @Test
    void dispatchIsDueWithinAnHourAndArrivalWithinADay() {
        ServiceLevel.Deadlines deadlines = mission.deadlinesFor(requestedAt, PickupWindow.ANY_TIME);

        assertThat(deadlines.dispatchDueAt()).isEqualTo(Instant.parse("2026-11-22T09:00:00Z"));
        assertThat(deadlines.arrivalDueAt()).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
    }

    @Test
    void aWindowEndingWithinTheDayKeepsTheDayAsArrivalDeadline() {
        PickupWindow thisAfternoon = new PickupWindow(Instant.parse("2026-11-22T13:00:00Z"), Instant.parse("2026-11-22T17:00:00Z"));

        assertThat(mission.deadlinesFor(requestedAt, thisAfternoon).arrivalDueAt()).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
    }

    @Test
    void aLaterWindowMovesArrivalToItsEndButNotDispatch() {
        PickupWindow saturdayMorning = new PickupWindow(Instant.parse("2026-11-28T01:00:00Z"), Instant.parse("2026-11-28T04:00:00Z"));

        ServiceLevel.Deadlines deadlines = mission.deadlinesFor(requestedAt, saturdayMorning);

        assertThat(deadlines.arrivalDueAt()).isEqualTo(Instant.parse("2026-11-28T04:00:00Z"));
        assertThat(deadlines.dispatchDueAt()).isEqualTo(Instant.parse("2026-11-22T09:00:00Z"));
    }

    @Test
    void followsConfiguredServiceLevels() {
        ServiceLevel stricter = new ServiceLevel(Duration.ofMinutes(30), Duration.ofHours(4));

        ServiceLevel.Deadlines deadlines = stricter.deadlinesFor(requestedAt, PickupWindow.ANY_TIME);

        assertThat(deadlines.dispatchDueAt()).isEqualTo(Instant.parse("2026-11-22T08:30:00Z"));
        assertThat(deadlines.arrivalDueAt()).isEqualTo(Instant.parse("2026-11-22T12:00:00Z"));
    }

    @Test
    void refusesServiceLevelsThatCannotBeMet() {
        assertThatThrownBy(() -> new ServiceLevel(Duration.ZERO, Duration.ofHours(24))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServiceLevel(Duration.ofHours(2), Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
