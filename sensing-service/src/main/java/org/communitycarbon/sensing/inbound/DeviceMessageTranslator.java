package org.communitycarbon.sensing.inbound;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.control.CommandAcknowledged;
import org.communitycarbon.model.control.ControlTopics;
import org.communitycarbon.model.control.ControllerStatusReported;
import org.communitycarbon.model.device.BinStatusMessage;
import org.communitycarbon.model.device.CommandAckMessage;
import org.communitycarbon.model.device.ControllerStatusMessage;
import org.communitycarbon.model.device.DeviceTopic;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.device.EnvironmentMessage;
import org.communitycarbon.model.device.MeterReadingMessage;
import org.communitycarbon.model.device.ScaleWeighingMessage;
import org.communitycarbon.model.device.WasteDepositMessage;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.model.sensing.BinStatusReported;
import org.communitycarbon.model.sensing.EnvironmentMeasure;
import org.communitycarbon.model.sensing.EnvironmentObserved;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.model.sensing.MeterType;
import org.communitycarbon.model.sensing.ScaleTopics;
import org.communitycarbon.model.sensing.ScaleWeighingReported;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.model.sensing.WasteDeposited;
import org.communitycarbon.sensing.registry.Binding;
import org.communitycarbon.sensing.registry.DeviceDirectory;
import org.communitycarbon.sensing.registry.KnownDevice;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.support.messaging.InvalidMessageException;
import org.jspecify.annotations.Nullable;

/**
 * Turns one MQTT message into the event it reports, or into the reason it cannot be accepted. Pure: no
 * I/O (the device directory answers from memory), so every rule of the device API is unit-tested here.
 * <p>
 * Only registered, active devices speak: a message from any other device is refused as an unknown device. What a
 * device is bound to — the household or common area of a meter, the drop point of a bin, the area of a sensor —
 * comes from the registry, never from the payload; a deposit's household must be registered in the bin's
 * community.
 * <p>
 * The event id is derived from community, device, message kind and the device's timestamp (and, for a
 * deposit, the household; for a scale's weighing, its weighing id instead of the time), so the same reading sent twice — a QoS 1 redelivery, a device retrying — is the
 * same event downstream.
 */
public final class DeviceMessageTranslator {

    private final EventCodec codec;
    private final IngestSettings settings;
    private final DeviceDirectory devices;

    public DeviceMessageTranslator(EventCodec codec, IngestSettings settings, DeviceDirectory devices) {
        this.codec = codec;
        this.settings = settings;
        this.devices = devices;
    }

    /** The outcome of a translation. */
    public sealed interface Translation permits Accepted, Rejected {
    }

    /** An event for {@code kafkaTopic}, keyed {@code communityId/deviceId}, from a device of {@code deviceType}. */
    /**
     * @param batteryLevel the device's battery charge (0 to 1) when its message carried one
     */
    public record Accepted(String kafkaTopic, String key, PlatformEvent event, DeviceType deviceType, @Nullable BigDecimal batteryLevel)
            implements Translation {

        Accepted(String kafkaTopic, String key, PlatformEvent event, DeviceType deviceType) {
            this(kafkaTopic, key, event, deviceType, null);
        }
    }

    /**
     * Why the message was refused, the field at fault if known, its community if the topic names one, and its
     * device type if the topic is valid.
     */
    public record Rejected(String reason, @Nullable String field, @Nullable String communityId, @Nullable DeviceType deviceType)
            implements Translation {
    }

    /** The record key of a device's events: one device's events stay in order on one partition. */
    public static String key(DeviceTopic topic) {
        return RegistryTopics.deviceKey(topic.communityId(), topic.deviceId());
    }

    public Translation translate(String mqttTopic, byte[] payload, Instant receivedAt) {
        DeviceTopic topic;
        try {
            topic = DeviceTopic.parse(mqttTopic);
        }
        catch (ContractViolation e) {
            return new Rejected(e.getMessage(), e.field(), communityOf(mqttTopic), null);
        }
        if (payload.length > settings.maxPayloadBytes()) {
            return new Rejected("payload is " + payload.length + " bytes; the limit is " + settings.maxPayloadBytes(),
                    null, topic.communityId(), topic.deviceType());
        }
        KnownDevice device = devices.find(topic.communityId(), topic.deviceId()).orElse(null);
        if (device == null) {
            return new Rejected("unknown device: " + topic.deviceId() + " is not a registered, active device of "
                    + topic.communityId(), "topic.deviceId", topic.communityId(), topic.deviceType());
        }
        if (!device.deviceType().equals(topic.deviceType().slug())) {
            return new Rejected("device " + topic.deviceId() + " is registered as a " + device.deviceType() + ", not a "
                    + topic.deviceType().slug(), "topic.deviceType", topic.communityId(), topic.deviceType());
        }
        try {
            return accepted(topic, device, payload, receivedAt);
        }
        catch (InvalidMessageException e) {
            return new Rejected(e.getMessage(), e.field(), topic.communityId(), topic.deviceType());
        }
        catch (ContractViolation e) {
            return new Rejected(e.getMessage(), e.field(), topic.communityId(), topic.deviceType());
        }
    }

    private Accepted accepted(DeviceTopic topic, KnownDevice device, byte[] payload, Instant receivedAt) {
        return switch (topic.deviceType()) {
            case ELECTRICITY_METER, WATER_METER, GAS_METER, PV_METER -> meterReading(topic, device, payload, receivedAt);
            case WASTE_BIN -> switch (topic.message()) {
                case DEPOSIT -> deposit(topic, payload, receivedAt);
                case STATUS -> binStatus(topic, device, payload, receivedAt);
                case READING, ACK, WEIGHING -> throw new ContractViolation("topic.message", "a waste-bin publishes deposit or status");
            };
            case ENVIRONMENT_SENSOR -> environment(topic, device, payload, receivedAt);
            case LIGHTING_CONTROLLER, LOAD_CONTROLLER -> switch (topic.message()) {
                case ACK -> commandAck(topic, payload, receivedAt);
                case STATUS -> controllerStatus(topic, device, payload, receivedAt);
                case READING, DEPOSIT, WEIGHING -> throw new ContractViolation("topic.message", "a controller publishes status or ack");
            };
            case RECYCLING_SCALE -> weighing(topic, payload, receivedAt);
        };
    }

    /**
     * A controller's answer to a command. Whether the command exists, is this device's and is still awaited is decided
     * where commands are kept (the {@code commands} feature reads it back from Kafka); here only its shape is checked.
     */
    private Accepted commandAck(DeviceTopic topic, byte[] payload, Instant receivedAt) {
        CommandAckMessage message = codec.decode(payload, CommandAckMessage.class);
        Instant observed = observedAt(message.dateObserved(), receivedAt);
        UUID commandId = required(message.commandId());
        var event = new CommandAcknowledged(CommandAcknowledged.eventIdOf(topic.communityId(), topic.deviceId(), commandId),
                CommandAcknowledged.SCHEMA_VERSION, topic.communityId(), observed, receivedAt, topic.deviceId(),
                topic.deviceType().slug(), commandId, required(message.outcome()), message.reason());
        return new Accepted(ControlTopics.COMMAND_ACKS, key(topic), event, topic.deviceType());
    }

    private Accepted controllerStatus(DeviceTopic topic, KnownDevice device, byte[] payload, Instant receivedAt) {
        ControllerStatusMessage message = codec.decode(payload, ControllerStatusMessage.class);
        Instant observed = observedAt(message.dateObserved(), receivedAt);
        var event = new ControllerStatusReported(eventId(topic, observed), ControllerStatusReported.SCHEMA_VERSION,
                topic.communityId(), observed, receivedAt, topic.deviceId(), topic.deviceType().slug(),
                device.binding() == Binding.ENERGY_SUBSYSTEM ? device.boundId() : null, required(message.powerState()),
                message.dimmingPercent(), message.commandId());
        return new Accepted(ControlTopics.CONTROLLER_STATUSES, key(topic), event, topic.deviceType());
    }

    private Accepted meterReading(DeviceTopic topic, KnownDevice device, byte[] payload, Instant receivedAt) {
        MeterReadingMessage message = codec.decode(payload, MeterReadingMessage.class);
        MeterType type = meterType(topic);
        Instant observed = observedAt(message.dateObserved(), receivedAt);
        BigDecimal register = message.register(type);
        // The registry says whom the meter serves: a household's meter, or a common area's or subsystem's.
        boolean household = device.binding() == Binding.HOUSEHOLD;
        var event = new MeterReadingReceived(eventId(topic, observed), MeterReadingReceived.SCHEMA_VERSION,
                topic.communityId(), observed, receivedAt, topic.deviceId(), type, household ? device.boundId() : null,
                household ? null : device.boundId(), Quantity.of(register, type.registerUnit()));
        return new Accepted(SensingTopics.METER_READINGS, key(topic), event, topic.deviceType());
    }

    private Accepted deposit(DeviceTopic topic, byte[] payload, Instant receivedAt) {
        WasteDepositMessage message = codec.decode(payload, WasteDepositMessage.class);
        Instant observed = observedAt(message.dateObserved(), receivedAt);
        if (!devices.householdExists(topic.communityId(), required(message.householdId()))) {
            throw new ContractViolation("householdId", "household " + message.householdId() + " is not registered in "
                    + topic.communityId());
        }
        // Two households can drop waste at one bin within the same second; each drop is its own event.
        UUID eventId = EventIds.of(topic.communityId(), topic.deviceId(), topic.message().slug(), observed.toString(),
                required(message.householdId()));
        var event = new WasteDeposited(eventId, WasteDeposited.SCHEMA_VERSION, topic.communityId(),
                observed, receivedAt, topic.deviceId(), required(message.householdId()), required(message.wasteKind()),
                Quantity.of(required(message.weight()), Unit.KG), Boolean.TRUE.equals(message.correctlySorted()),
                message.detectedKind());
        return new Accepted(SensingTopics.WASTE_DEPOSITS, key(topic), event, topic.deviceType());
    }

    /**
     * A connected scale's weighing for a pickup. Whether the pickup exists, is of the scale's community and may still be
     * weighed is decided by the recycling service, which keeps pickups; here the scale and the message's shape are checked.
     * The event id comes from the scale's {@code weighingId}, so the same weighing sent again is the same event.
     */
    private Accepted weighing(DeviceTopic topic, byte[] payload, Instant receivedAt) {
        ScaleWeighingMessage message = codec.decode(payload, ScaleWeighingMessage.class);
        Instant observed = observedAt(message.dateObserved(), receivedAt);
        String weighingId = required(message.weighingId());
        var event = new ScaleWeighingReported(ScaleWeighingReported.eventIdOf(topic.communityId(), topic.deviceId(), weighingId),
                ScaleWeighingReported.SCHEMA_VERSION, topic.communityId(), observed, receivedAt, topic.deviceId(), weighingId,
                required(message.pickupId()), required(message.category()), Quantity.of(required(message.weight()), Unit.KG));
        return new Accepted(ScaleTopics.SCALE_WEIGHINGS, key(topic), event, topic.deviceType());
    }

    private Accepted binStatus(DeviceTopic topic, KnownDevice device, byte[] payload, Instant receivedAt) {
        BinStatusMessage message = codec.decode(payload, BinStatusMessage.class);
        Instant observed = observedAt(message.dateObserved(), receivedAt);
        String dropPoint = device.binding() == Binding.DROP_POINT ? device.boundId() : message.dropPointId();
        var event = new BinStatusReported(eventId(topic, observed), BinStatusReported.SCHEMA_VERSION, topic.communityId(),
                observed, receivedAt, topic.deviceId(), dropPoint, message.wasteKind(),
                Quantity.of(required(message.fillingLevel()), Unit.RATIO));
        return new Accepted(SensingTopics.BIN_STATUSES, key(topic), event, topic.deviceType(), message.batteryLevel());
    }

    private Accepted environment(DeviceTopic topic, KnownDevice device, byte[] payload, Instant receivedAt) {
        EnvironmentMessage message = codec.decode(payload, EnvironmentMessage.class);
        Instant observed = observedAt(message.dateObserved(), receivedAt);
        String area = device.binding() == Binding.COMMON_AREA ? device.boundId() : message.areaId();
        var event = new EnvironmentObserved(eventId(topic, observed), EnvironmentObserved.SCHEMA_VERSION,
                topic.communityId(), observed, receivedAt, topic.deviceId(), area,
                EnvironmentMeasure.TEMPERATURE.quantity(message.temperature()),
                EnvironmentMeasure.RELATIVE_HUMIDITY.quantity(message.relativeHumidity()),
                EnvironmentMeasure.PM25.quantity(message.pm25()),
                EnvironmentMeasure.CO2.quantity(message.co2()),
                EnvironmentMeasure.NOISE_LEVEL.quantity(message.LAeq()));
        return new Accepted(SensingTopics.ENVIRONMENT_OBSERVATIONS, key(topic), event, topic.deviceType(), message.batteryLevel());
    }

    private Instant observedAt(@Nullable Instant dateObserved, Instant receivedAt) {
        Instant observed = required(dateObserved);
        if (observed.isAfter(receivedAt.plus(settings.maxClockSkew()))) {
            throw new ContractViolation("dateObserved", observed + " is in the future; the device clock may run at most "
                    + settings.maxClockSkew() + " ahead");
        }
        if (observed.isBefore(receivedAt.minus(settings.maxAge()))) {
            throw new ContractViolation("dateObserved", observed + " is older than " + settings.maxAge());
        }
        return observed;
    }

    private static UUID eventId(DeviceTopic topic, Instant observed) {
        return topic.message().eventIdOf(topic.communityId(), topic.deviceId(), observed);
    }

    private static MeterType meterType(DeviceTopic topic) {
        MeterType type = topic.deviceType().meterType();
        if (type == null) {
            throw new ContractViolation("topic.deviceType", topic.deviceType().slug() + " is not a meter");
        }
        return type;
    }

    /** The message records already refused missing required fields; this only satisfies the type system. */
    private static <T> T required(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("a validated message lacks a required value");
        }
        return value;
    }

    /** The community named by a topic that failed to parse, if its second level looks like one. */
    public static @Nullable String communityOf(String mqttTopic) {
        String[] levels = mqttTopic.split("/", 3);
        if (levels.length >= 2 && DeviceTopic.ROOT.equals(levels[0]) && Require.isIdentifier(levels[1])) {
            return levels[1];
        }
        return null;
    }
}
