package org.communitycarbon.simulator.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.communitycarbon.simulator.community.Ticks.local;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.communitycarbon.model.device.BinStatusMessage;
import org.communitycarbon.model.device.DeviceMessage;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.device.EnvironmentMessage;
import org.communitycarbon.simulator.DevicePayloads;
import org.communitycarbon.simulator.community.Ticks.Sent;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class BatteryTest {

    private static final Instant START = local("2026-03-10T00:00");
    private static final BigDecimal LOW = new BigDecimal("0.15");

    @Test
    void onlyBinStatusesAndEnvironmentReadingsCarryABatteryLevel() {
        Community community = Community.create(CommunitySpec.builder().buildings(2).householdsPerBuilding(12).build(), START);

        List<Sent> sent = Ticks.run(community, device -> true, START, local("2026-03-10T08:00"));

        assertThat(sent).extracting(s -> s.publication().topic().message())
                .contains(DeviceMessage.READING, DeviceMessage.DEPOSIT, DeviceMessage.STATUS);
        for (Sent message : sent) {
            boolean batteryPowered = message.publication().topic().message() == DeviceMessage.STATUS
                    && message.publication().topic().deviceType() == DeviceType.WASTE_BIN
                    || message.publication().topic().deviceType() == DeviceType.ENVIRONMENT_SENSOR;
            String json = new String(DevicePayloads.write(message.publication().payload()), StandardCharsets.UTF_8);
            if (batteryPowered) {
                BigDecimal level = batteryLevel(message);
                assertThat(level).as(json).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
                assertThat(level.scale()).isLessThanOrEqualTo(3);
                assertThat(json).contains("\"batteryLevel\":" + level.toPlainString());
            }
            else {
                assertThat(json).doesNotContain("batteryLevel");
            }
        }
    }

    @Test
    void batteriesStartHealthyAndDrainAboutHalfAPercentASimulatedDay() {
        Community community = Community.create(CommunitySpec.defaults(), START);
        Instant monthLater = START.plus(Duration.ofDays(30));

        Map<String, BigDecimal> atStart = levels(community, START);
        Map<String, BigDecimal> later = levels(community, monthLater);

        assertThat(atStart).hasSize(12 + 10);
        assertThat(community.lowBatteryDevices()).isEmpty();
        assertThat(atStart.values()).allSatisfy(level -> assertThat(level).isBetween(new BigDecimal("0.6"), BigDecimal.ONE));
        double meanDrainPerDay = atStart.keySet().stream()
                .mapToDouble(id -> atStart.get(id).subtract(later.get(id)).doubleValue() / 30).average().orElseThrow();
        assertThat(meanDrainPerDay).isCloseTo(0.005, within(0.0006));
        atStart.forEach((id, level) -> assertThat(later.get(id)).as(id).isLessThan(level));
    }

    @Test
    void theLowBatteryShareOfDevicesStartsLowAndDrainsToEmptyButNoFurther() {
        CommunitySpec spec = CommunitySpec.builder().lowBatteryShare(0.25).build();
        Community community = Community.create(spec, START);

        Map<String, BigDecimal> atStart = levels(community, START);
        Map<String, BigDecimal> twoMonthsLater = levels(community, START.plus(Duration.ofDays(60)));

        // 22 battery devices: a quarter, rounded, start below 0.15 and so below the platform's 0.2
        assertThat(community.lowBatteryDevices()).hasSize(6);
        assertThat(atStart).allSatisfy((id, level) -> {
            if (community.lowBatteryDevices().contains(id)) {
                assertThat(level).as(id).isLessThan(LOW).isPositive();
            }
            else {
                assertThat(level).as(id).isGreaterThanOrEqualTo(new BigDecimal("0.6"));
            }
        });
        assertThat(community.lowBatteryDevices()).allSatisfy(id -> assertThat(twoMonthsLater.get(id)).isEqualByComparingTo("0"));
        assertThat(Community.create(spec, START).lowBatteryDevices()).isEqualTo(community.lowBatteryDevices());
        assertThat(Community.create(spec.toBuilder().seed(7).build(), START).lowBatteryDevices())
                .hasSize(6).isNotEqualTo(community.lowBatteryDevices());
    }

    @Test
    void aSmallShareStillGivesOneLowBattery() {
        Community community = Community.create(CommunitySpec.builder().lowBatteryShare(0.01).build(), START);

        assertThat(community.lowBatteryDevices()).hasSize(1);
    }

    /** The battery level of every battery-powered device, as it reports at {@code at}. */
    private static Map<String, BigDecimal> levels(Community community, Instant at) {
        List<Publication> out = new ArrayList<>();
        for (SimulatedDevice device : community.devices()) {
            device.report(at, at, out);
        }
        return out.stream()
                .filter(publication -> batteryLevel(publication) != null)
                .collect(Collectors.toMap(publication -> publication.topic().deviceId(), BatteryTest::batteryLevel));
    }

    private static BigDecimal batteryLevel(Sent sent) {
        BigDecimal level = batteryLevel(sent.publication());
        assertThat(level).isNotNull();
        return level;
    }

    private static @Nullable BigDecimal batteryLevel(Publication publication) {
        if (publication.payload() instanceof BinStatusMessage status) {
            return status.batteryLevel();
        }
        return publication.payload() instanceof EnvironmentMessage reading ? reading.batteryLevel() : null;
    }
}
