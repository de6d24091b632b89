package org.communitycarbon.simulator.community;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

import org.communitycarbon.model.device.DeviceMessage;
import org.communitycarbon.model.device.DeviceTopic;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.device.MeterReadingMessage;
import org.communitycarbon.model.sensing.MeterType;
import org.jspecify.annotations.Nullable;

/**
 * A meter publishing its cumulative register every minute: a household's electricity, water or gas
 * meter, a public area's electricity meter or a roof's PV generation meter. The register is a function
 * of simulated time (see {@link CumulativeSeries}), reported to the thousandth and rounded down, so it
 * only grows.
 */
final class Meter implements SimulatedDevice {

    private final DeviceTopic topic;
    private final MeterType meterType;
    private final @Nullable String householdId;
    private final @Nullable String areaId;
    private final double phase;
    private final CumulativeSeries register;

    Meter(String communityId, DeviceType type, String deviceId, @Nullable String householdId, @Nullable String areaId,
            double phase, CumulativeSeries register) {
        MeterType meterType = type.meterType();
        if (meterType == null) {
            throw new IllegalArgumentException(type.slug() + " is not a meter");
        }
        this.topic = new DeviceTopic(communityId, type, deviceId, DeviceMessage.READING);
        this.meterType = meterType;
        this.householdId = householdId;
        this.areaId = areaId;
        this.phase = phase;
        this.register = register;
    }

    @Override
    public Installation installation() {
        return householdId != null
                ? new Installation(PlaceKind.HOUSEHOLD, householdId, model(), "meter box, " + householdId)
                : new Installation(PlaceKind.COMMON_AREA, java.util.Objects.requireNonNull(areaId), model(), areaId);
    }

    private String model() {
        return switch (meterType) {
            case ELECTRICITY -> "DDZY-22C smart electricity meter";
            case WATER -> "LXSY-20E ultrasonic water meter";
            case GAS -> "G2.5 smart gas meter";
            case PV_GENERATION -> "SUN2000 PV inverter meter";
        };
    }

    @Override
    public String deviceId() {
        return topic.deviceId();
    }

    @Override
    public DeviceType type() {
        return topic.deviceType();
    }

    @Override
    public double phase() {
        return phase;
    }

    @Nullable String householdId() {
        return householdId;
    }

    @Nullable String areaId() {
        return areaId;
    }

    /** The register at a simulated instant, in the meter type's unit. */
    BigDecimal registerAt(Instant simulatedAt) {
        return BigDecimal.valueOf(register.valueAt(simulatedAt)).setScale(3, RoundingMode.DOWN);
    }

    @Override
    public void report(Instant simulatedAt, Instant observedAt, List<Publication> out) {
        out.add(new Publication(topic,
                MeterReadingMessage.of(meterType, observedAt, householdId, areaId, registerAt(simulatedAt))));
    }

    @Override
    public String toString() {
        return "Meter[" + deviceId() + "]";
    }
}
