package org.communitycarbon.model.device;

import java.util.EnumSet;
import java.util.Set;

import org.communitycarbon.model.sensing.MeterType;
import org.jspecify.annotations.Nullable;

/** Kinds of device, as named in the topic, and the messages each may publish. */
public enum DeviceType {
    ELECTRICITY_METER("electricity-meter", MeterType.ELECTRICITY, DeviceMessage.READING),
    WATER_METER("water-meter", MeterType.WATER, DeviceMessage.READING),
    GAS_METER("gas-meter", MeterType.GAS, DeviceMessage.READING),
    PV_METER("pv-meter", MeterType.PV_GENERATION, DeviceMessage.READING),
    WASTE_BIN("waste-bin", null, DeviceMessage.DEPOSIT, DeviceMessage.STATUS),
    ENVIRONMENT_SENSOR("environment-sensor", null, DeviceMessage.READING),
    /** Switches and dims a lighting subsystem's lamps on the schedule the platform sends it. */
    LIGHTING_CONTROLLER("lighting-controller", null, DeviceMessage.STATUS, DeviceMessage.ACK),
    /** Lets a pump set or EV chargers run only in the windows the platform sends it (off-peak control). */
    LOAD_CONTROLLER("load-controller", null, DeviceMessage.STATUS, DeviceMessage.ACK),
    /**
     * A connected scale at a recycling station or in a collector's van: weighs the goods of a pickup, category by category
     * ({@link ScaleWeighingMessage}); the recycling service records the weights on the pickup.
     */
    RECYCLING_SCALE("recycling-scale", null, DeviceMessage.WEIGHING);

    private final String slug;
    private final @Nullable MeterType meterType;
    private final Set<DeviceMessage> messages;

    DeviceType(String slug, @Nullable MeterType meterType, DeviceMessage first, DeviceMessage... rest) {
        this.slug = slug;
        this.meterType = meterType;
        this.messages = EnumSet.of(first, rest);
    }

    public String slug() {
        return slug;
    }

    /** The type named so in topics; empty for an unknown name. */
    public static java.util.Optional<DeviceType> ofSlug(String slug) {
        return java.util.Arrays.stream(values()).filter(type -> type.slug.equals(slug)).findFirst();
    }

    /** The meter type for meters, {@code null} for other devices. */
    public @Nullable MeterType meterType() {
        return meterType;
    }

    public boolean publishes(DeviceMessage message) {
        return messages.contains(message);
    }

    public Set<DeviceMessage> messages() {
        return messages;
    }

    /** Whether the platform sends it commands: a controller, which acknowledges each on its {@code ack} topic. */
    public boolean takesCommands() {
        return messages.contains(DeviceMessage.ACK);
    }
}
