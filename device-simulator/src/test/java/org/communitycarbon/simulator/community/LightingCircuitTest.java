package org.communitycarbon.simulator.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.communitycarbon.simulator.community.Ticks.local;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.device.CommandAckMessage;
import org.communitycarbon.model.device.CommandOutcome;
import org.communitycarbon.model.device.CommandType;
import org.communitycarbon.model.device.ControllerStatusMessage;
import org.communitycarbon.model.device.DeviceCommandMessage;
import org.communitycarbon.model.device.MeterReadingMessage;
import org.communitycarbon.model.device.PowerState;
import org.communitycarbon.model.device.SchedulePeriod;
import org.junit.jupiter.api.Test;

/** Controllers follow the schedules the platform sends them, and their subsystems' meters show it. */
class LightingCircuitTest {

    private static final Instant START = local("2026-03-10T10:00");

    @Test
    void aLightingControllerObeysItsScheduleAndItsMeterFollowsTheLamps() {
        Community community = Community.create(CommunitySpec.builder().buildings(1).householdsPerBuilding(2).lightingIgnoreShare(0).build(),
                START);
        LightingCircuit paths = community.lighting().get(0);
        assertThat(paths.subsystemId()).isEqualTo("lighting-paths");

        List<Ticks.Sent> morning = run(community, paths, START, local("2026-03-10T10:20"));
        assertThat(consumption(morning, "em-lighting-paths")).as("off by day, by the factory default (18:00-06:00)").isLessThan(0.01);
        assertThat(status(morning, local("2026-03-10T10:15")).powerState()).isEqualTo(PowerState.OFF);

        DeviceCommandMessage command = lighting(START, new SchedulePeriod(LocalTime.of(10, 30), LocalTime.of(11, 30), 50));
        CommandAckMessage ack = paths.controller().accept(command, START);
        assertThat(ack.outcome()).isEqualTo(CommandOutcome.ACCEPTED);
        assertThat(ack.commandId()).isEqualTo(command.commandId());

        List<Ticks.Sent> day = run(community, paths, local("2026-03-10T10:20"), local("2026-03-10T12:00"));
        // 12 kW at 50 % for the hour from 10:30, the controller's standby otherwise
        assertThat(consumption(day, "em-lighting-paths")).isCloseTo(6.0 + 0.02 * (100 - 60) / 60.0, within(0.05));
        ControllerStatusMessage lit = status(day, local("2026-03-10T11:00"));
        assertThat(lit.powerState()).isEqualTo(PowerState.ON);
        assertThat(lit.dimmingPercent()).isEqualTo(50);
        assertThat(lit.commandId()).isEqualTo(command.commandId());
        assertThat(status(day, local("2026-03-10T11:45")).powerState()).isEqualTo(PowerState.OFF);
    }

    @Test
    void aRepeatedOrOlderCommandChangesNothingAndIsAcknowledgedAgain() {
        Community community = Community.create(CommunitySpec.builder().buildings(1).householdsPerBuilding(2).lightingIgnoreShare(0).build(),
                START);
        Controller controller = community.lighting().get(0).controller();
        DeviceCommandMessage newer = lighting(START, new SchedulePeriod(LocalTime.of(9, 0), LocalTime.of(12, 0), 80));
        DeviceCommandMessage older = lighting(START.minusSeconds(60), new SchedulePeriod(LocalTime.of(20, 0), LocalTime.of(21, 0), 10));

        controller.accept(newer, START);
        assertThat(controller.accept(newer, START).outcome()).as("the same command id again").isEqualTo(CommandOutcome.ACCEPTED);
        assertThat(controller.accept(older, START).outcome()).isEqualTo(CommandOutcome.ACCEPTED);
        assertThat(community.lighting().get(0).dimmingAt(local("2026-03-10T10:30"))).as("the newest schedule is followed").isEqualTo(80);
        assertThat(controller.accept(new DeviceCommandMessage(UUID.randomUUID(), CommandType.OFF_PEAK_SCHEDULE, START, START.plusSeconds(300),
                "Asia/Shanghai", List.of(new SchedulePeriod(LocalTime.of(23, 0), LocalTime.of(7, 0), null))), START).outcome())
                .as("a lighting controller takes no off-peak schedule").isEqualTo(CommandOutcome.REJECTED);
    }

    @Test
    void aControllerWithAStuckRelayAcknowledgesTheScheduleButKeepsTheLampsOnInDaylight() {
        Community community = Community.create(CommunitySpec.builder().buildings(1).householdsPerBuilding(2).lightingIgnoreShare(1).build(),
                START);
        LightingCircuit paths = community.lighting().get(0);
        assertThat(paths.faulty()).isTrue();
        assertThat(paths.controller().accept(lighting(START, new SchedulePeriod(LocalTime.of(18, 0), LocalTime.of(6, 0), 100)), START)
                .outcome()).isEqualTo(CommandOutcome.ACCEPTED);

        List<Ticks.Sent> day = run(community, paths, START, local("2026-03-10T11:00"));
        assertThat(consumption(day, "em-lighting-paths")).as("12 kW through the morning").isCloseTo(12.0 * 59 / 60, within(0.3));
        assertThat(status(day, local("2026-03-10T10:30")).powerState()).isEqualTo(PowerState.ON);
    }

    @Test
    void pumpsUnderAnOffPeakScheduleRunOnlyInItsWindows() {
        Community community = Community.create(CommunitySpec.builder().buildings(1).householdsPerBuilding(2).build(), START);
        PumpStation pumps = community.pumps().get(0);
        Controller controller = pumps.controller();
        assertThat(controller.accept(new DeviceCommandMessage(UUID.randomUUID(), CommandType.OFF_PEAK_SCHEDULE, START, START.plusSeconds(300),
                "Asia/Shanghai", List.of(new SchedulePeriod(LocalTime.of(23, 0), LocalTime.of(7, 0), null))), START).outcome())
                .isEqualTo(CommandOutcome.ACCEPTED);

        List<Ticks.Sent> day = Ticks.run(community, device -> device.deviceId().equals("em-pumps") || device.deviceId().equals("pc-pumps"),
                START, local("2026-03-11T10:00"));
        List<Ticks.Sent> byDay = day.stream().filter(s -> s.simulatedAt().isBefore(local("2026-03-10T22:59"))).toList();
        assertThat(consumption(byDay, "em-pumps")).as("standing still by day").isLessThan(1);
        // 60 kWh a day, all of it in the eight off-peak hours
        assertThat(consumption(day, "em-pumps")).isCloseTo(60.0, within(2.0));
        assertThat(status(day, local("2026-03-11T02:00")).powerState()).isEqualTo(PowerState.ON);
        assertThat(status(day, local("2026-03-11T09:00")).powerState()).isEqualTo(PowerState.OFF);
    }

    private static List<Ticks.Sent> run(Community community, LightingCircuit circuit, Instant from, Instant to) {
        return Ticks.run(community, device -> device == circuit.controller() || device == circuit.meter(), from, to);
    }

    private static DeviceCommandMessage lighting(Instant issuedAt, SchedulePeriod... periods) {
        return new DeviceCommandMessage(UUID.randomUUID(), CommandType.LIGHTING_SCHEDULE, issuedAt, issuedAt.plus(Duration.ofMinutes(5)),
                "Asia/Shanghai", List.of(periods));
    }

    /** The register's growth between the first and the last reading of a meter. */
    private static double consumption(List<Ticks.Sent> sent, String meterId) {
        List<BigDecimal> registers = sent.stream().filter(s -> s.publication().topic().deviceId().equals(meterId))
                .map(s -> ((MeterReadingMessage) s.publication().payload()).totalActiveEnergyImport()).toList();
        return registers.get(registers.size() - 1).subtract(registers.get(0)).doubleValue();
    }

    /** The controller's status reported nearest after an instant. */
    private static ControllerStatusMessage status(List<Ticks.Sent> sent, Instant at) {
        return sent.stream().filter(s -> s.publication().payload() instanceof ControllerStatusMessage && !s.simulatedAt().isBefore(at))
                .map(s -> (ControllerStatusMessage) s.publication().payload()).findFirst().orElseThrow();
    }
}
