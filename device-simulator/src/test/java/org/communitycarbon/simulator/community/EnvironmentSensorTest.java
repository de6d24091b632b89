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
        List<EnvironmentSensor> sensors = community.devices().stream()
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

    private EnvironmentSensor sensor(String deviceId) {
        return (EnvironmentSensor) community.device(deviceId).orElseThrow();
    }
}
