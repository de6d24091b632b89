package org.communitycarbon.model.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.registry.SubsystemKind;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class CommandContractsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aLightingScheduleRunsOverMidnightAndSaysHowBrightAtEachTime() {
        var command = lighting(List.of(period("18:00", "23:00", 100), period("23:00", "06:00", 30)));
        assertThat(command.periodAt(LocalTime.of(19, 0))).map(SchedulePeriod::dimmingPercent).contains(100);
        assertThat(command.periodAt(LocalTime.of(2, 0))).map(SchedulePeriod::dimmingPercent).contains(30);
        assertThat(command.periodAt(LocalTime.of(5, 59))).isPresent();
        assertThat(command.periodAt(LocalTime.of(6, 0))).as("to is exclusive").isEmpty();
        assertThat(command.periodAt(LocalTime.of(12, 0))).isEmpty();
    }

    @Test
    void refusesOverlappingPeriodsNamingTheSecond() {
        assertThatThrownBy(() -> lighting(List.of(period("18:00", "01:00", 100), period("00:30", "06:00", 30))))
                .isInstanceOf(ContractViolation.class).hasMessageContaining("periods[1]: overlaps period 0");
    }

    @Test
    void boundsEveryPartOfASchedule() {
        assertField(() -> lighting(List.of(period("18:00", "18:00", 100))), "periods[0].to");
        assertField(() -> lighting(List.of(period("18:00", "23:00", 0))), "periods[0].dimmingPercent");
        assertField(() -> lighting(List.of(period("18:00", "23:00", null))), "periods[0].dimmingPercent");
        assertField(() -> lighting(List.of(new SchedulePeriod(LocalTime.of(18, 0, 30), LocalTime.of(23, 0), 50))), "periods[0].from");
        assertField(() -> lighting(Collections.nCopies(13, period("01:00", "02:00", 50))), "periods");
        assertField(() -> offPeak(List.of()), "periods");
        assertField(() -> offPeak(List.of(period("23:00", "07:00", 50))), "periods[0].dimmingPercent");
        assertField(() -> new DeviceCommandMessage(UUID.randomUUID(), CommandType.OFF_PEAK_SCHEDULE, NOW, NOW, "Asia/Shanghai",
                List.of(period("23:00", "07:00", null))), "expiresAt");
        assertField(() -> new DeviceCommandMessage(UUID.randomUUID(), CommandType.OFF_PEAK_SCHEDULE, NOW, NOW.plusSeconds(60),
                "+08:00", List.of(period("23:00", "07:00", null))), "timeZone");
        assertThat(lighting(List.of()).periods()).as("lamps off all day").isEmpty();
    }

    @Test
    void eachSubsystemKindTakesItsCommandOnItsControllers() {
        assertThat(CommandType.forSubsystem(SubsystemKind.LIGHTING)).contains(CommandType.LIGHTING_SCHEDULE);
        assertThat(CommandType.forSubsystem(SubsystemKind.WATER_PUMP)).contains(CommandType.OFF_PEAK_SCHEDULE);
        assertThat(CommandType.forSubsystem(SubsystemKind.EV_CHARGING)).contains(CommandType.OFF_PEAK_SCHEDULE);
        assertThat(CommandType.forSubsystem(SubsystemKind.LIFT)).isEmpty();
        assertThat(DeviceType.LIGHTING_CONTROLLER.takesCommands()).isTrue();
        assertThat(DeviceType.ELECTRICITY_METER.takesCommands()).isFalse();
        assertThat(DeviceTopic.parse("cc/maple-court/lighting-controller/lc-paths/ack").message()).isEqualTo(DeviceMessage.ACK);
        assertThatThrownBy(() -> DeviceTopic.parse("cc/maple-court/electricity-meter/em-1/ack"))
                .isInstanceOf(ContractViolation.class).hasMessageContaining("publishes reading, not ack");
    }

    @Test
    void aCommandTravelsAsJsonWithTimesOfDayAsIsoText() {
        var command = lighting(List.of(period("18:00", "23:30", 80)));
        String text = json.writeValueAsString(command);
        assertThat(text).contains("\"from\":\"18:00:00\"", "\"to\":\"23:30:00\"", "\"type\":\"LIGHTING_SCHEDULE\"");
        assertThat(json.readValue(text, DeviceCommandMessage.class)).isEqualTo(command);
        assertThat(json.readValue(text.replace("18:00:00", "18:00"), DeviceCommandMessage.class)).as("minutes alone read too").isEqualTo(command);
    }

    @Test
    void aRejectionNeedsItsReason() {
        assertField(() -> new CommandAckMessage(NOW, UUID.randomUUID(), CommandOutcome.REJECTED, null), "reason");
        assertField(() -> new CommandAckMessage(NOW, UUID.randomUUID(), CommandOutcome.REJECTED, "x".repeat(201)), "reason");
        assertField(() -> new CommandAckMessage(NOW, null, CommandOutcome.ACCEPTED, null), "commandId");
        assertThat(new CommandAckMessage(NOW, UUID.randomUUID(), CommandOutcome.ACCEPTED, null).reason()).isNull();
    }

    private static DeviceCommandMessage lighting(List<SchedulePeriod> periods) {
        return new DeviceCommandMessage(UUID.randomUUID(), CommandType.LIGHTING_SCHEDULE, NOW, NOW.plusSeconds(300), "Asia/Shanghai",
                periods);
    }

    private static DeviceCommandMessage offPeak(List<SchedulePeriod> periods) {
        return new DeviceCommandMessage(UUID.randomUUID(), CommandType.OFF_PEAK_SCHEDULE, NOW, NOW.plusSeconds(300), "Asia/Shanghai",
                periods);
    }

    private static SchedulePeriod period(String from, String to, Integer dimming) {
        return new SchedulePeriod(LocalTime.parse(from), LocalTime.parse(to), dimming);
    }

    private static void assertField(Runnable action, String field) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ContractViolation.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
