package org.communitycarbon.simulator.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.communitycarbon.simulator.community.Ticks.local;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class OutagePlanTest {

    private static final Instant START = local("2026-03-10T10:00");

    @Test
    void aFaultFreeCommunityPlansNoOutages() {
        assertThat(Community.create(CommunitySpec.defaults(), START).plannedOutages()).isEmpty();
        assertThat(CommunitySpec.defaults().faults()).isEqualTo(DeviceFaults.NONE);
    }

    @Test
    void theOutageShareOfDevicesLosesPowerOnceWithinTheFirstSimulatedDay() {
        CommunitySpec spec = CommunitySpec.builder().outageShare(0.1).outageMinutes(45).build();
        Community community = Community.create(spec, START);

        List<PlannedOutage> outages = community.plannedOutages();

        assertThat(outages).hasSize(121);
        assertThat(outages).extracting(PlannedOutage::deviceId).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(community.device(id)).isPresent());
        assertThat(outages).allSatisfy(outage -> {
            assertThat(outage.from()).isBetween(START, START.plus(Duration.ofDays(1)));
            assertThat(Duration.between(outage.from(), outage.until())).isEqualTo(Duration.ofMinutes(45));
        });
        // spread over the day, not all at once
        assertThat(outages.stream().map(outage -> outage.from().atZone(Ticks.SHANGHAI).getHour()).distinct().count())
                .isGreaterThan(12);
        assertThat(Community.create(spec, START).plannedOutages()).isEqualTo(outages);
        assertThat(Community.create(spec.toBuilder().seed(7).build(), START).plannedOutages()).isNotEqualTo(outages);
    }

    @Test
    void anOutageCoversItsMinutesAndNoMore() {
        PlannedOutage outage = new PlannedOutage("em-b01-0101", START, START.plus(Duration.ofMinutes(60)));

        assertThat(outage.covers(START.minusMillis(1))).isFalse();
        assertThat(outage.covers(START)).isTrue();
        assertThat(outage.covers(START.plus(Duration.ofMinutes(59)))).isTrue();
        assertThat(outage.covers(START.plus(Duration.ofMinutes(60)))).isFalse();
    }

    @Test
    void faultSettingsOutsideTheirRangeAreRefusedByName() {
        assertThatThrownBy(() -> CommunitySpec.builder().outageShare(1.5).build()).hasMessageContaining("outageShare");
        assertThatThrownBy(() -> CommunitySpec.builder().lowBatteryShare(-0.1).build()).hasMessageContaining("lowBatteryShare");
        assertThatThrownBy(() -> CommunitySpec.builder().glitchRate(Double.NaN).build()).hasMessageContaining("glitchRate");
        assertThatThrownBy(() -> CommunitySpec.builder().outageMinutes(0).build()).hasMessageContaining("outageMinutes");
    }
}
