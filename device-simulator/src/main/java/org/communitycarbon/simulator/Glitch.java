package org.communitycarbon.simulator;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.communitycarbon.model.device.DeviceTopic;
import org.communitycarbon.model.device.MeterReadingMessage;
import org.communitycarbon.model.sensing.MeterType;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How faulty firmware breaks a message. Each glitch makes the message one the platform refuses to its dead-letter
 * topic (docs/mqtt-api.md), so that the dead-letter and device-health features have something to show.
 */
enum Glitch {

    /**
     * A word where a number belongs: the register, the weight, the filling level or the first measurement reads
     * {@code "ERR"}; a controller's status, which may carry no number, gets it as its {@code powerState}.
     */
    NOT_A_NUMBER,

    /** A meter register below zero, as a corrupted counter shows. Meters only. */
    NEGATIVE_REGISTER,

    /** No {@code dateObserved}: the device lost its clock. */
    MISSING_DATE_OBSERVED,

    /** The JSON stops part-way, as when the device resets while sending. */
    TRUNCATED;

    /** What the firmware writes instead of a number. */
    static final String NOT_A_NUMBER_TEXT = "ERR";

    private static final List<Glitch> ANY_DEVICE = List.of(NOT_A_NUMBER, MISSING_DATE_OBSERVED, TRUNCATED);
    private static final List<Glitch> METERS = List.of(values());

    /** The glitches a device of this topic can have. */
    static List<Glitch> possibleFor(DeviceTopic topic) {
        return topic.deviceType().meterType() != null ? METERS : ANY_DEVICE;
    }

    /**
     * Breaks a message, a JSON object as {@link DevicePayloads} writes it.
     *
     * @param random where a truncation cuts
     */
    byte[] apply(DeviceTopic topic, byte[] json, SplittableRandom random) {
        if (this == TRUNCATED) {
            // Any proper prefix of a JSON object lacks its closing brace.
            return Arrays.copyOf(json, 1 + random.nextInt(json.length - 1));
        }
        ObjectNode message = (ObjectNode) DevicePayloads.mapper().readTree(json);
        switch (this) {
            case NOT_A_NUMBER -> message.put(firstNumber(message), NOT_A_NUMBER_TEXT);
            case NEGATIVE_REGISTER -> {
                MeterType meterType = topic.deviceType().meterType();
                if (meterType == null) {
                    throw new IllegalArgumentException(topic.deviceType().slug() + " has no register to turn negative");
                }
                String register = MeterReadingMessage.registerAttribute(meterType);
                BigDecimal value = message.get(register).decimalValue();
                message.put(register, value.signum() > 0 ? value.negate() : BigDecimal.ONE.negate());
            }
            case MISSING_DATE_OBSERVED -> message.remove("dateObserved");
            default -> throw new IllegalStateException("unhandled glitch " + this);
        }
        return DevicePayloads.mapper().writeValueAsBytes(message);
    }

    /**
     * The message's first number other than the battery level, which the platform may not read; for a message without
     * one (a controller's status), its {@code powerState}.
     */
    private static String firstNumber(ObjectNode message) {
        return message.properties().stream()
                .filter(property -> property.getValue().isNumber() && !property.getKey().equals("batteryLevel"))
                .map(Map.Entry::getKey)
                .findFirst()
                .or(() -> message.has("powerState") ? java.util.Optional.of("powerState") : java.util.Optional.empty())
                .orElseThrow(() -> new IllegalArgumentException("no number to break in " + message));
    }
}
