package org.communitycarbon.simulator.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communitycarbon.simulator.community.Ticks.local;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.device.EnvironmentMessage;
import org.junit.jupiter.api.Test;

class EnvironmentSensorTest {

    private static final Instant START = local("2026-01-01T00:00");

    private final Community community = Community.create(CommunitySpec.defaults(), START);

    @Test
    void readingsStayPlausibleAllYearRound() {
        Community calm = Community.create(CommunitySpec.builder().episodes(EnvironmentEpisodes.NONE).build(), START);
        List<EnvironmentSensor> sensors = calm.devices().stream()
                .filter(device -> device.type() == DeviceType.ENVIRONMENT_SENSOR).map(EnvironmentSensor.class::cast).toList();

        for (Instant at = START; at.isBefore(START.plus(Duration.ofDays(365))); at = at.plus(Duration.ofMinutes(97))) {
            for (EnvironmentSensor sensor : sensors) {
                EnvironmentMessage reading = sensor.measure(at, at);
                assertThat(reading.temperature()).isBetween(new BigDecimal("-8"), new BigDecimal("42"));
                assertThat(reading.relativeHumidity()).isBetween(new BigDecimal("0.15"), new BigDecimal("0.99"));
                assertThat(reading.pm25()).isBetween(new BigDecimal("1"), new BigDecimal("400"));
                assertThat(reading.co2()).isBetween(new BigDecimal("380"), new BigDecimal("1200"));
                assertThat(reading.LAeq()).isBetween(new BigDecimal("25"), new BigDecimal("95"));
            }
        }
    }

    @Test
    void summersAreWarmerThanWinters() {
        EnvironmentSensor sensor = sensor("env-b01");

        assertThat(sensor.measure(local("2026-07-20T14:00"), START).temperature())
                .isGreaterThan(sensor.measure(local("2026-01-20T14:00"), START).temperature().add(BigDecimal.TEN));
    }

    @Test
    void thePlazaIsLoudestDuringEveningSquareDancing() {
        EnvironmentSensor plaza = sensor("env-plaza");
        EnvironmentSensor building = sensor("env-b01");

        BigDecimal dancing = plaza.measure(local("2026-05-12T20:00"), START).LAeq();
        assertThat(dancing).isGreaterThan(new BigDecimal("62"));
        assertThat(dancing).isGreaterThan(plaza.measure(local("2026-05-12T03:00"), START).LAeq().add(BigDecimal.TEN));
        assertThat(dancing).isGreaterThan(building.measure(local("2026-05-12T20:00"), START).LAeq());
    }

    @Test
    void clubhouseCo2FollowsItsVisitors() {
        EnvironmentSensor clubhouse = sensor("env-clubhouse");

        assertThat(clubhouse.measure(local("2026-05-12T20:00"), START).co2())
                .isGreaterThan(clubhouse.measure(local("2026-05-12T04:00"), START).co2().add(new BigDecimal("250")));
    }

    @Test
    void aPm25SpikeAndALoudSpellComeWithinTheFirstSimulatedHoursSoThresholdsCanFire() {
        Community calm = Community.create(CommunitySpec.builder().episodes(EnvironmentEpisodes.NONE).build(), START);
        EnvironmentSensor plaza = sensor("env-plaza");
        EnvironmentSensor calmPlaza = (EnvironmentSensor) calm.device("env-plaza").orElseThrow();

        Instant spike = START.plus(Duration.ofMinutes(30));
        assertThat(plaza.measure(spike, spike).pm25()).as("PM2.5 20 to 110 minutes after the start")
                .isGreaterThan(new BigDecimal("150")).isGreaterThan(calmPlaza.measure(spike, spike).pm25().multiply(new BigDecimal("4")));
        Instant loud = START.plus(Duration.ofMinutes(70));
        assertThat(plaza.measure(loud, loud).LAeq()).as("noise 60 to 150 minutes after the start")
                .isGreaterThan(new BigDecimal("60")).isGreaterThan(calmPlaza.measure(loud, loud).LAeq().add(new BigDecimal("20")));
        Instant after = START.plus(Duration.ofMinutes(160));
        assertThat(plaza.measure(after, after)).as("and then it passes").isEqualTo(calmPlaza.measure(after, after));
    }

    @Test
    void episodesComeNowAndThenOverTheDays() {
        EnvironmentSensor plaza = sensor("env-plaza");
        long spikeDays = 0;
        long loudNights = 0;
        for (int day = 2; day < 102; day++) {
            boolean spike = false;
            for (int minute = 0; minute < 1440; minute += 30) {
                Instant at = START.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(minute));
                spike |= plaza.measure(at, at).pm25().compareTo(new BigDecimal("150")) > 0;
            }
            spikeDays += spike ? 1 : 0;
            Instant midnight = START.plus(Duration.ofDays(day)).minus(Duration.ofMinutes(30));
            loudNights += plaza.measure(midnight, midnight).LAeq().compareTo(new BigDecimal("58")) > 0 ? 1 : 0;
        }
        assertThat(spikeDays).as("days of 100 with a PM2.5 spike (chance 0.5)").isBetween(30L, 70L);
        assertThat(loudNights).as("nights of 100 loud at 23:30 (chance 0.3)").isBetween(15L, 45L);
    }

    private EnvironmentSensor sensor(String deviceId) {
        return (EnvironmentSensor) community.device(deviceId).orElseThrow();
    }
}
