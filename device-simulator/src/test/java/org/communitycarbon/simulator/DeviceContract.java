package org.communitycarbon.simulator;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.device.BinStatusMessage;
import org.communitycarbon.model.device.CommandAckMessage;
import org.communitycarbon.model.device.ControllerStatusMessage;
import org.communitycarbon.model.device.DeviceTopic;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.device.EnvironmentMessage;
import org.communitycarbon.model.device.MeterReadingMessage;
import org.communitycarbon.model.device.ScaleWeighingMessage;
import org.communitycarbon.model.device.WasteDepositMessage;
import org.communitycarbon.model.sensing.MeterType;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a device message as the platform does: into the common-model record of its topic with a plain Jackson 3
 * mapper (the records check their attributes as they are made), and for a meter its register.
 */
final class DeviceContract {

    /** What a receiving service uses: a plain mapper, no configuration. */
    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    private DeviceContract() {
    }

    /**
     * The message as the platform reads it.
     *
     * @throws JacksonException or {@link ContractViolation} if the platform would refuse it
     */
    static Object read(DeviceTopic topic, byte[] json) {
        Class<?> type = switch (topic.message()) {
            case READING -> topic.deviceType() == DeviceType.ENVIRONMENT_SENSOR ? EnvironmentMessage.class : MeterReadingMessage.class;
            case DEPOSIT -> WasteDepositMessage.class;
            case STATUS -> topic.deviceType().takesCommands() ? ControllerStatusMessage.class : BinStatusMessage.class;
            case ACK -> CommandAckMessage.class;
            case WEIGHING -> ScaleWeighingMessage.class;
        };
        Object read = PLAIN.readValue(json, type);
        MeterType meterType = topic.deviceType().meterType();
        if (read instanceof MeterReadingMessage reading && meterType != null) {
            reading.register(meterType);
        }
        return read;
    }

    /** Whether the platform accepts the message rather than refuse it to its dead-letter topic. */
    static boolean accepts(DeviceTopic topic, byte[] json) {
        try {
            read(topic, json);
            return true;
        }
        catch (JacksonException | ContractViolation e) {
            return false;
        }
    }
}
