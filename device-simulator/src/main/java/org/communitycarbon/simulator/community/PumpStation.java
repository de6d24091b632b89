package org.communitycarbon.simulator.community;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.communitycarbon.model.device.CommandAckMessage;
import org.communitycarbon.model.device.CommandOutcome;
import org.communitycarbon.model.device.CommandType;
import org.communitycarbon.model.device.ControllerStatusMessage;
import org.communitycarbon.model.device.DeviceCommandMessage;
import org.communitycarbon.model.device.DeviceMessage;
import org.communitycarbon.model.device.DeviceTopic;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.device.PowerState;
import org.communitycarbon.model.device.SchedulePeriod;
import org.communitycarbon.model.registry.PlaceKind;
import org.jspecify.annotations.Nullable;

/**
 * The community's water pumps, which fill the roof tanks: a {@code load-controller} that lets them run only in the
 * windows of the newest off-peak schedule the platform sent it, and the meter that counts what they draw. The tanks
 * buffer the day, so the pumps use the same energy a day either way: without a schedule they run with the
 * households' water use (mornings and evenings); with one, that energy is spread over the allowed windows and the
 * pumps stand still outside them — off-peak control visible in the meter.
 */
public final class PumpStation {

    private static final double STANDBY_KW = 0.05;

    private final String subsystemId;
    private final double kwhPerDay;
    private final ZoneId zone;
    private final PumpController controller;
    private final LightingCircuit.SubsystemMeter meter;
    private volatile @Nullable DeviceCommandMessage schedule;

    PumpStation(String communityId, String subsystemId, String controllerId, String meterId, double kwhPerDay, ZoneId zone,
            double controllerPhase, double meterPhase, double initialRegister) {
        this.subsystemId = subsystemId;
        this.kwhPerDay = kwhPerDay;
        this.zone = zone;
        this.controller = new PumpController(new DeviceTopic(communityId, DeviceType.LOAD_CONTROLLER, controllerId, DeviceMessage.STATUS),
                controllerPhase);
        this.meter = new LightingCircuit.SubsystemMeter(communityId, meterId, subsystemId, meterPhase, initialRegister, this::kwAt);
    }

    public Controller controller() {
        return controller;
    }

    public SimulatedDevice meter() {
        return meter;
    }

    /** Whether the pumps may run at a simulated instant: always without a schedule, else only in its windows. */
    public boolean allowedAt(Instant simulatedAt) {
        DeviceCommandMessage current = schedule;
        return current == null || current.periodAt(simulatedAt.atZone(ZoneId.of(current.timeZone())).toLocalTime()).isPresent();
    }

    double kwAt(Instant simulatedAt) {
        DeviceCommandMessage current = schedule;
        if (current == null) {
            LocalTime local = simulatedAt.atZone(zone).toLocalTime();
            return kwhPerDay * Profiles.HOUSEHOLD_WATER[local.getHour()] / sum(Profiles.HOUSEHOLD_WATER);
        }
        if (!allowedAt(simulatedAt)) {
            return STANDBY_KW;
        }
        return kwhPerDay / (allowedMinutes(current) / 60.0);
    }

    private static double allowedMinutes(DeviceCommandMessage command) {
        int minutes = 0;
        for (SchedulePeriod period : command.periods()) {
            int from = period.from().getHour() * 60 + period.from().getMinute();
            int to = period.to().getHour() * 60 + period.to().getMinute();
            minutes += to > from ? to - from : 1440 - from + to;
        }
        return Math.max(1, minutes);
    }

    private static double sum(double[] weights) {
        double sum = 0;
        for (double weight : weights) {
            sum += weight;
        }
        return sum;
    }

    private final class PumpController implements Controller {

        private final DeviceTopic topic;
        private final double phase;

        PumpController(DeviceTopic topic, double phase) {
            this.topic = topic;
            this.phase = phase;
        }

        @Override
        public synchronized CommandAckMessage accept(DeviceCommandMessage command, Instant observedAt) {
            if (command.type() != CommandType.OFF_PEAK_SCHEDULE) {
                return new CommandAckMessage(observedAt, command.commandId(), CommandOutcome.REJECTED,
                        "a load controller takes OFF_PEAK_SCHEDULE, not " + command.type());
            }
            DeviceCommandMessage current = schedule;
            if (current == null || command.issuedAt().isAfter(current.issuedAt())) {
                schedule = command;
            }
            return new CommandAckMessage(observedAt, command.commandId(), CommandOutcome.ACCEPTED, null);
        }

        @Override
        public void report(Instant simulatedAt, Instant observedAt, List<Publication> out) {
            DeviceCommandMessage current = schedule;
            out.add(new Publication(topic, new ControllerStatusMessage(observedAt, allowedAt(simulatedAt) ? PowerState.ON : PowerState.OFF,
                    null, current == null ? null : current.commandId())));
        }

        @Override
        public String deviceId() {
            return topic.deviceId();
        }

        @Override
        public DeviceType type() {
            return DeviceType.LOAD_CONTROLLER;
        }

        @Override
        public double phase() {
            return phase;
        }

        @Override
        public Installation installation() {
            return new Installation(PlaceKind.ENERGY_SUBSYSTEM, subsystemId, "pump controller", "pump room");
        }

        @Override
        public String toString() {
            return "PumpController[" + deviceId() + "]";
        }
    }
}
