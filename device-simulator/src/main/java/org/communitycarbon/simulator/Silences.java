package org.communitycarbon.simulator;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.communitycarbon.simulator.community.PlannedOutage;

/**
 * Which devices have no power and so publish nothing: those the seed plans an outage for (in simulated time, see
 * {@link PlannedOutage}) and those {@link DeviceSimulator#silence} cuts off (in real time). Thread-safe: the report
 * thread asks, any thread may silence.
 */
final class Silences {

    private final Map<String, PlannedOutage> planned;
    private final ConcurrentMap<String, Instant> silencedUntil = new ConcurrentHashMap<>();

    Silences(List<PlannedOutage> planned) {
        this.planned = planned.stream().collect(Collectors.toUnmodifiableMap(PlannedOutage::deviceId, Function.identity()));
    }

    static Silences none() {
        return new Silences(List.of());
    }

    /** Cuts the devices off until the real instant {@code until}; a device already cut off for longer stays so. */
    void silence(Collection<String> deviceIds, Instant until) {
        deviceIds.forEach(deviceId -> silencedUntil.merge(deviceId, until, (earlier, later) -> later.isAfter(earlier) ? later : earlier));
    }

    /** Whether the device is without power at these simulated and real instants. */
    boolean silent(String deviceId, Instant simulatedAt, Instant realAt) {
        PlannedOutage outage = planned.get(deviceId);
        if (outage != null && outage.covers(simulatedAt)) {
            return true;
        }
        Instant until = silencedUntil.get(deviceId);
        return until != null && realAt.isBefore(until);
    }
}
