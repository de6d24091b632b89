package org.communitycarbon.simulator.community;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A power cut the seed plans for one device: from {@code from} (inclusive) to {@code until} (exclusive), in simulated
 * time, the device publishes nothing at all. Its registers, bins and battery go on with time meanwhile, so the first
 * reading afterwards includes what was used during the outage.
 */
public record PlannedOutage(String deviceId, Instant from, Instant until) {

    public PlannedOutage {
        if (!from.isBefore(until)) {
            throw new IllegalArgumentException("an outage must end after it begins, was " + from + " to " + until);
        }
    }

    /** Whether the device is without power at a simulated instant. */
    public boolean covers(Instant simulatedAt) {
        return !simulatedAt.isBefore(from) && simulatedAt.isBefore(until);
    }

    /**
     * One outage for each of {@link DeviceFaults#outageShare()} of the devices (chosen by {@code key}), beginning at
     * a time within the first simulated day after {@code simulatedStart} and lasting
     * {@link DeviceFaults#outageDuration()}.
     */
    static List<PlannedOutage> draw(List<SimulatedDevice> devices, DeviceFaults faults, long key, Instant simulatedStart) {
        long secondsPerDay = Duration.ofDays(1).toSeconds();
        return Noise.choose(devices, faults.outageShare(), key).stream()
                .map(device -> {
                    Instant from = simulatedStart.plusSeconds((long) (Noise.unit(Noise.key(key, device.deviceId())) * secondsPerDay));
                    return new PlannedOutage(device.deviceId(), from, from.plus(faults.outageDuration()));
                })
                .toList();
    }
}
