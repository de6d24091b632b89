package org.communitycarbon.simulator.community;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.communitycarbon.model.device.CommandAckMessage;
import org.communitycarbon.model.device.CommandOutcome;
import org.communitycarbon.model.device.CommandType;
import org.communitycarbon.model.device.ControllerStatusMessage;
import org.communitycarbon.model.device.DeviceCommandMessage;
import org.communitycarbon.model.device.DeviceMessage;
import org.communitycarbon.model.device.DeviceTopic;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.device.MeterReadingMessage;
import org.communitycarbon.model.device.PowerState;
import org.communitycarbon.model.device.SchedulePeriod;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.sensing.MeterType;
import org.jspecify.annotations.Nullable;

/**
 * A lighting subsystem: its lamps, the {@code lighting-controller} that switches and dims them, and the electricity
 * meter that counts what they draw. The controller follows the newest lighting schedule the platform sent it — until
 * one comes, its factory default, dusk to dawn (18:00 to 06:00) at full power — and reports its state each minute. A
 * faulty controller (a stuck relay) acknowledges every schedule and keeps the lamps on at full power day and night, so
 * its meter shows lighting drawing power in daylight. The meter's register grows by the lamps' rated power times their
 * dimming while on and by a small standby draw while off, minute by minute of simulated time: what the platform reads
 * from it follows the schedule.
 */
public final class LightingCircuit {

    /** What the lamps draw while off: the controller and its drivers. */
    static final double STANDBY_KW = 0.02;

    private static final DeviceCommandMessage FACTORY_DEFAULT = new DeviceCommandMessage(new UUID(0, 0), CommandType.LIGHTING_SCHEDULE,
            Instant.EPOCH, Instant.EPOCH.plusSeconds(1), "Asia/Shanghai",
            List.of(new SchedulePeriod(LocalTime.of(18, 0), LocalTime.of(6, 0), 100)));
    /** At most this much simulated time is counted in one report: a simulator that stalled does not loop for long. */
    private static final Duration MAX_STEP = Duration.ofDays(2);

    private final String subsystemId;
    private final double ratedKw;
    private final boolean faulty;
    private final DeviceCommandMessage factoryDefault;
    private final LightingController controller;
    private final SubsystemMeter meter;
    private volatile @Nullable DeviceCommandMessage schedule;

    LightingCircuit(String communityId, String subsystemId, String controllerId, String meterId, double ratedKw, boolean faulty,
            String timeZone, double controllerPhase, double meterPhase, double initialRegister) {
        this.subsystemId = subsystemId;
        this.ratedKw = ratedKw;
        this.faulty = faulty;
        this.factoryDefault = new DeviceCommandMessage(FACTORY_DEFAULT.commandId(), CommandType.LIGHTING_SCHEDULE, Instant.EPOCH,
                Instant.EPOCH.plusSeconds(1), timeZone, FACTORY_DEFAULT.periods());
        this.controller = new LightingController(new DeviceTopic(communityId, DeviceType.LIGHTING_CONTROLLER, controllerId,
                DeviceMessage.STATUS), controllerPhase);
        this.meter = new SubsystemMeter(communityId, meterId, subsystemId, meterPhase, initialRegister, this::kwAt);
    }

    public String subsystemId() {
        return subsystemId;
    }

    /** Whether its controller ignores schedules (lamps always on). */
    public boolean faulty() {
        return faulty;
    }

    public Controller controller() {
        return controller;
    }

    public SimulatedDevice meter() {
        return meter;
    }

    /** Its meter, for the building's master meter, which measures what it measures. */
    SubsystemMeter subsystemMeter() {
        return meter;
    }

    /** The lamps' dimming level at a simulated instant, 0 when off. */
    public int dimmingAt(Instant simulatedAt) {
        if (faulty) {
            return 100;
        }
        return Schedules.periodAt(schedule, factoryDefault, simulatedAt).map(SchedulePeriod::dimmingPercent).orElse(0);
    }

    /** What the lamps draw at a simulated instant, in kW. */
    double kwAt(Instant simulatedAt) {
        int dimming = dimmingAt(simulatedAt);
        return dimming == 0 ? STANDBY_KW : ratedKw * dimming / 100.0;
    }

    /** The command the controller follows, if one came. */
    public Optional<DeviceCommandMessage> schedule() {
        return Optional.ofNullable(schedule);
    }

    private final class LightingController implements Controller {

        private final DeviceTopic topic;
        private final double phase;

        LightingController(DeviceTopic topic, double phase) {
            this.topic = topic;
            this.phase = phase;
        }

        @Override
        public synchronized CommandAckMessage accept(DeviceCommandMessage command, Instant observedAt) {
            if (command.type() != CommandType.LIGHTING_SCHEDULE) {
                return new CommandAckMessage(observedAt, command.commandId(), CommandOutcome.REJECTED,
                        "a lighting controller takes LIGHTING_SCHEDULE, not " + command.type());
            }
            DeviceCommandMessage current = schedule;
            // the newest by issuedAt wins; the same id again changes nothing and is acknowledged again
            if (current == null || command.issuedAt().isAfter(current.issuedAt())) {
                schedule = command;
            }
            return new CommandAckMessage(observedAt, command.commandId(), CommandOutcome.ACCEPTED, null);
        }

        @Override
        public String deviceId() {
            return topic.deviceId();
        }

        @Override
        public DeviceType type() {
            return DeviceType.LIGHTING_CONTROLLER;
        }

        @Override
        public double phase() {
            return phase;
        }

        @Override
        public void report(Instant simulatedAt, Instant observedAt, List<Publication> out) {
            int dimming = dimmingAt(simulatedAt);
            DeviceCommandMessage current = schedule;
            out.add(new Publication(topic, new ControllerStatusMessage(observedAt, dimming == 0 ? PowerState.OFF : PowerState.ON,
                    dimming == 0 ? null : dimming, current == null ? null : current.commandId())));
        }

        @Override
        public Installation installation() {
            return new Installation(PlaceKind.ENERGY_SUBSYSTEM, subsystemId, "smart lighting controller", "lighting cabinet");
        }

        @Override
        public String toString() {
            return "LightingController[" + deviceId() + "]";
        }
    }

    /** An electricity meter of a subsystem whose draw is known minute by minute. */
    static final class SubsystemMeter implements SimulatedDevice {

        /** What the subsystem draws at a simulated instant, in kW. */
        @FunctionalInterface
        interface Draw {
            double kwAt(Instant simulatedAt);
        }

        private final DeviceTopic topic;
        private final String subsystemId;
        private final double phase;
        private final Draw draw;
        private double register;
        private @Nullable Instant countedUntil;

        SubsystemMeter(String communityId, String deviceId, String subsystemId, double phase, double initialRegister, Draw draw) {
            this.topic = new DeviceTopic(communityId, DeviceType.ELECTRICITY_METER, deviceId, DeviceMessage.READING);
            this.subsystemId = subsystemId;
            this.phase = phase;
            this.register = initialRegister;
            this.draw = draw;
        }

        /**
         * The register at a simulated instant, counting what was drawn since the last call minute by minute. Asked for an
         * instant before one it has already counted to (the building's master meter reads it too), it answers the
         * register counted so far rather than count a span twice.
         */
        synchronized BigDecimal registerAt(Instant simulatedAt) {
            if (countedUntil != null && simulatedAt.isBefore(countedUntil)) {
                return BigDecimal.valueOf(register).setScale(3, RoundingMode.DOWN);
            }
            Instant from = countedUntil == null ? simulatedAt : countedUntil;
            if (from.isBefore(simulatedAt.minus(MAX_STEP))) {
                from = simulatedAt.minus(MAX_STEP);
            }
            while (from.isBefore(simulatedAt)) {
                Instant next = from.plusSeconds(60).isAfter(simulatedAt) ? simulatedAt : from.plusSeconds(60);
                register += draw.kwAt(from) * Duration.between(from, next).toMillis() / 3_600_000.0;
                from = next;
            }
            countedUntil = simulatedAt;
            return BigDecimal.valueOf(register).setScale(3, RoundingMode.DOWN);
        }

        @Override
        public void report(Instant simulatedAt, Instant observedAt, List<Publication> out) {
            out.add(new Publication(topic, MeterReadingMessage.of(MeterType.ELECTRICITY, observedAt, null, null, registerAt(simulatedAt))));
        }

        @Override
        public String deviceId() {
            return topic.deviceId();
        }

        @Override
        public DeviceType type() {
            return DeviceType.ELECTRICITY_METER;
        }

        @Override
        public double phase() {
            return phase;
        }

        @Override
        public Installation installation() {
            return new Installation(PlaceKind.ENERGY_SUBSYSTEM, subsystemId, "DTZY-22 three-phase electricity meter", "distribution board");
        }

        @Override
        public String toString() {
            return "SubsystemMeter[" + deviceId() + "]";
        }
    }
}
