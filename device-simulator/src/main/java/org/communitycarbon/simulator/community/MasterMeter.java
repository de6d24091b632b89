package org.communitycarbon.simulator.community;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

import org.communitycarbon.model.device.DeviceMessage;
import org.communitycarbon.model.device.DeviceTopic;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.device.MeterReadingMessage;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.sensing.MeterType;
import org.jspecify.annotations.Nullable;

/**
 * A building's master meter: the electricity meter on its incoming supply ({@code em-supply-b01}, bound to the common
 * area {@code supply-b01}). It measures what the building's own electricity meters measure — its households' and its
 * stairwell lighting's — and the share no submeter sees (cable and transformer losses, unmetered loads), so its register
 * is always their registers' sum times {@code (1 + loss)}, to the thousandth and rounded down. It publishes a
 * {@code reading} as every electricity meter does; the platform compares it with the building's meters (accounting's
 * measured accuracy, docs/accounting.md), once the building's property manager has designated it.
 * <p>
 * It reads the submeters at its own turn; the simulator gives every device its turn in simulated-time order, so the
 * submeters are asked for non-decreasing instants whoever asks. Its phase is the mean of its households' phases,
 * weighted by their use, so that over a short run its readings and theirs cover nearly the same span of time.
 */
public final class MasterMeter implements SimulatedDevice {

    /** The master meter of a building: {@code em-supply-b01}. */
    public static String deviceId(String buildingId) {
        return "em-supply-" + buildingId;
    }

    /** The common area it is bound to: {@code supply-b01}, the building's incoming supply. */
    public static String areaId(String buildingId) {
        return "supply-" + buildingId;
    }

    private final DeviceTopic topic;
    private final String buildingId;
    private final double loss;
    private final List<Meter> households;
    private final LightingCircuit.@Nullable SubsystemMeter lighting;
    private final double phase;

    MasterMeter(String communityId, String buildingId, double loss, List<Meter> households,
            LightingCircuit.@Nullable SubsystemMeter lighting, double phase) {
        this.topic = new DeviceTopic(communityId, DeviceType.ELECTRICITY_METER, deviceId(buildingId), DeviceMessage.READING);
        this.buildingId = buildingId;
        this.loss = loss;
        this.households = List.copyOf(households);
        this.lighting = lighting;
        this.phase = phase;
    }

    public String buildingId() {
        return buildingId;
    }

    public String areaId() {
        return areaId(buildingId);
    }

    /** What it measures beyond its submeters, as a share of their sum. */
    public double loss() {
        return loss;
    }

    /** The electricity meters of the building's households that it measures too. */
    List<Meter> households() {
        return households;
    }

    /** The register at a simulated instant: the submeters' registers at that instant, summed, times (1 + loss). */
    BigDecimal registerAt(Instant simulatedAt) {
        BigDecimal submetered = BigDecimal.ZERO;
        for (Meter household : households) {
            submetered = submetered.add(household.registerAt(simulatedAt));
        }
        if (lighting != null) {
            submetered = submetered.add(lighting.registerAt(simulatedAt));
        }
        return submetered.multiply(BigDecimal.ONE.add(BigDecimal.valueOf(loss))).setScale(3, RoundingMode.DOWN);
    }

    @Override
    public void report(Instant simulatedAt, Instant observedAt, List<Publication> out) {
        out.add(new Publication(topic, MeterReadingMessage.of(MeterType.ELECTRICITY, observedAt, null, areaId(), registerAt(simulatedAt))));
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
        return new Installation(PlaceKind.COMMON_AREA, areaId(), "DTSD-1352 three-phase electricity meter", "incoming supply, " + buildingId);
    }

    @Override
    public String toString() {
        return "MasterMeter[" + deviceId() + "]";
    }
}
