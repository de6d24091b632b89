package org.communitycarbon.simulator.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.communitycarbon.simulator.community.Ticks.local;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import org.communitycarbon.model.device.DeviceType;
import org.junit.jupiter.api.Test;

class MeterTest {

    private static final Instant START = local("2026-03-10T00:00");

    private final Community community = Community.create(CommunitySpec.defaults(), START);

    @Test
    void registersNeverDecreaseHoweverTheyAreRead() {
        SplittableRandom random = new SplittableRandom(1);
        List<Meter> meters = meters(device -> true).stream().filter(meter -> random.nextInt(20) == 0).toList();

        for (Meter meter : meters) {
            BigDecimal previous = meter.registerAt(START);
            Instant at = START;
            while (at.isBefore(START.plus(Duration.ofDays(3)))) {
                at = at.plusSeconds(1 + random.nextInt(1_200));
                BigDecimal register = meter.registerAt(at);
                assertThat(register).as("%s at %s", meter.deviceId(), at).isGreaterThanOrEqualTo(previous);
                previous = register;
            }
        }
    }

    @Test
    void registersStartAtPlausibleValues() {
        assertThat(meters(device -> device.type() == DeviceType.ELECTRICITY_METER && device.deviceId().startsWith("em-b")))
                .allSatisfy(meter -> assertThat(meter.registerAt(START)).isBetween(new BigDecimal("1000"), new BigDecimal("400000")));
        assertThat(meters(device -> device.type() == DeviceType.WATER_METER))
                .allSatisfy(meter -> assertThat(meter.registerAt(START)).isBetween(new BigDecimal("50"), new BigDecimal("10000")));
        assertThat(meters(device -> device.type() == DeviceType.PV_METER))
                .allSatisfy(meter -> assertThat(meter.registerAt(START)).isBetween(new BigDecimal("5000"), new BigDecimal("200000")));
    }

    @Test
    void householdsUseTheConfiguredDailyAmountsOnAverage() {
        Instant monthLater = START.plus(Duration.ofDays(365));

        assertThat(dailyMean(DeviceType.ELECTRICITY_METER, START, monthLater)).isCloseTo(9.0, within(0.9));
        assertThat(dailyMean(DeviceType.WATER_METER, START, monthLater)).isCloseTo(0.3, within(0.03));
        assertThat(dailyMean(DeviceType.GAS_METER, START, monthLater)).isCloseTo(0.5, within(0.05));
    }

    @Test
    void householdLoadIsLowAtNightAndPeaksInTheEvening() {
        double night = householdUse(DeviceType.ELECTRICITY_METER, local("2026-03-10T03:00"), local("2026-03-10T04:00"));
        double morning = householdUse(DeviceType.ELECTRICITY_METER, local("2026-03-10T07:00"), local("2026-03-10T08:00"));
        double afternoon = householdUse(DeviceType.ELECTRICITY_METER, local("2026-03-10T15:00"), local("2026-03-10T16:00"));
        double evening = householdUse(DeviceType.ELECTRICITY_METER, local("2026-03-10T19:00"), local("2026-03-10T20:00"));

        assertThat(night).isLessThan(afternoon / 1.5);
        assertThat(morning).isGreaterThan(afternoon);
        assertThat(evening).isGreaterThan(2.5 * night).isGreaterThan(morning);
    }

    @Test
    void photovoltaicMetersOnlyGrowInDaylight() {
        for (Meter pv : meters(device -> device.type() == DeviceType.PV_METER)) {
            assertThat(pv.registerAt(local("2026-03-11T05:00"))).isEqualTo(pv.registerAt(local("2026-03-10T19:00")));
            assertThat(pv.registerAt(local("2026-03-10T13:00"))).isGreaterThan(pv.registerAt(local("2026-03-10T11:00")));
        }
        Meter pv = meters(device -> device.deviceId().equals("pv-b01")).get(0);
        double day = pv.registerAt(local("2026-06-11T00:00")).subtract(pv.registerAt(local("2026-06-10T00:00"))).doubleValue();
        assertThat(day).as("a June day of a 30 kWp roof").isBetween(20.0, 200.0);
    }

    @Test
    void publicAreasReportWithTheirAreaId() {
        Meter plaza = meters(device -> device.deviceId().equals("em-plaza")).get(0);
        Meter roof = meters(device -> device.deviceId().equals("pv-b03")).get(0);
        Meter household = meters(device -> device.deviceId().equals("gm-b03-0102")).get(0);

        assertThat(plaza.areaId()).isEqualTo("plaza");
        assertThat(plaza.householdId()).isNull();
        assertThat(roof.areaId()).isEqualTo("roof-b03");
        assertThat(household.householdId()).isEqualTo("b03-0102");
        assertThat(household.areaId()).isNull();
    }

    private double dailyMean(DeviceType type, Instant from, Instant to) {
        double days = Duration.between(from, to).toHours() / 24.0;
        return householdUse(type, from, to) / days / community.households().size();
    }

    private double householdUse(DeviceType type, Instant from, Instant to) {
        return meters(device -> device.type() == type).stream()
                .filter(meter -> meter.householdId() != null)
                .mapToDouble(meter -> meter.registerAt(to).subtract(meter.registerAt(from)).doubleValue())
                .sum();
    }

    private List<Meter> meters(Predicate<SimulatedDevice> filter) {
        return community.devices().stream().filter(filter).filter(Meter.class::isInstance).map(Meter.class::cast).toList();
    }
}
