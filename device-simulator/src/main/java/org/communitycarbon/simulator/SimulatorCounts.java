package org.communitycarbon.simulator;

import java.time.Instant;
import java.util.Map;

import org.communitycarbon.model.device.DeviceMessage;
import org.communitycarbon.model.device.DeviceType;
import org.jspecify.annotations.Nullable;

/**
 * What the simulator has and has done so far.
 *
 * @param devicesByType the community's devices by type (empty before the start)
 * @param published messages the broker has acknowledged
 * @param publishedByDeviceType acknowledged messages by device type
 * @param publishedByMessage acknowledged messages by kind: readings, deposits, bin statuses
 * @param republished messages published again because the connection dropped before their acknowledgement
 * @param rejected messages the broker refused (not retried)
 * @param glitched messages sent broken on purpose (see {@code --glitch-rate}) that the broker acknowledged; they
 *        count in {@code published} too, and the platform refuses each to its dead-letter topic
 * @param withheld messages that devices without power did not send
 * @param silencedDevices devices that have been without power at one of their turns so far, by a planned outage
 *        or {@link DeviceSimulator#silence}
 * @param silentDevices devices without power at their latest turn
 * @param simulatedTime the simulated clock at the last report; null before the first
 */
public record SimulatorCounts(
        Map<DeviceType, Integer> devicesByType,
        long published,
        Map<DeviceType, Long> publishedByDeviceType,
        Map<DeviceMessage, Long> publishedByMessage,
        long republished,
        long rejected,
        long glitched,
        long withheld,
        int silencedDevices,
        int silentDevices,
        @Nullable Instant simulatedTime) {

    public SimulatorCounts {
        devicesByType = Map.copyOf(devicesByType);
        publishedByDeviceType = Map.copyOf(publishedByDeviceType);
        publishedByMessage = Map.copyOf(publishedByMessage);
    }

    /** All devices. */
    public int devices() {
        return devicesByType.values().stream().mapToInt(Integer::intValue).sum();
    }

    public long published(DeviceMessage message) {
        return publishedByMessage.getOrDefault(message, 0L);
    }

    public long published(DeviceType type) {
        return publishedByDeviceType.getOrDefault(type, 0L);
    }
}
