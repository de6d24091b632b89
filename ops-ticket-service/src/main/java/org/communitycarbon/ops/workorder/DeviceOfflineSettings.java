package org.communitycarbon.ops.workorder;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When silent devices become work orders. The sensing service says when a device goes offline (silent for longer
 * than its type's limit, {@code sensing.health.offline-after}); this service opens an order when it stays offline
 * for {@code after} more.
 *
 * @param after how long a device stays offline before its order opens ({@code OPS_DEVICE_OFFLINE_AFTER}, 30 minutes)
 * @param resolveWithin from the order's opening to its deadline (24 hours)
 * @param buildingShare when at least this share of a building's devices is offline past {@code after}, one order
 *        for the building opens instead of one per device (0.5)
 * @param buildingMinimumDevices the building rule counts only buildings with at least this many devices that ever spoke (4)
 * @param checkInterval how often the rules are applied (1 minute)
 */
@ConfigurationProperties("ops.device-offline")
public record DeviceOfflineSettings(
        @DefaultValue("PT30M") Duration after,
        @DefaultValue("PT24H") Duration resolveWithin,
        @DefaultValue("0.5") BigDecimal buildingShare,
        @DefaultValue("4") int buildingMinimumDevices,
        @DefaultValue("PT1M") Duration checkInterval) {

    public DeviceOfflineSettings {
        if (after.isNegative() || resolveWithin.isNegative() || resolveWithin.isZero() || checkInterval.isNegative()
                || checkInterval.isZero()) {
            throw new IllegalArgumentException("ops.device-offline durations must be positive");
        }
        if (buildingShare.signum() <= 0 || buildingShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("ops.device-offline.building-share is a ratio above 0 and at most 1, was "
                    + buildingShare.toPlainString());
        }
        if (buildingMinimumDevices < 1) {
            throw new IllegalArgumentException("ops.device-offline.building-minimum-devices must be at least 1");
        }
    }
}
