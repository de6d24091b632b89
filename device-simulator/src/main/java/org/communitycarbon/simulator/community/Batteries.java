package org.communitycarbon.simulator.community;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The batteries of the community's battery-powered devices, drawn from the seed when the community is laid out:
 * {@link DeviceFaults#lowBatteryShare()} of them start low, the others healthy, and each drains at its own pace
 * around {@link Battery#DRAIN_PER_DAY}.
 */
final class Batteries {

    private final Map<String, Battery> byDevice;
    private final List<String> low;

    private Batteries(Map<String, Battery> byDevice, List<String> low) {
        this.byDevice = byDevice;
        this.low = low;
    }

    /**
     * @param deviceIds every battery-powered device of the community, in layout order
     * @param since the simulated start, when the levels are as drawn
     */
    static Batteries draw(List<String> deviceIds, double lowShare, long key, Instant since) {
        List<String> low = Noise.choose(deviceIds, lowShare, Noise.key(key, "low-batteries"));
        Set<String> lowSet = new HashSet<>(low);
        Map<String, Battery> byDevice = new LinkedHashMap<>();
        for (String deviceId : deviceIds) {
            SplittableRandom random = new SplittableRandom(Noise.key(key, "battery-" + deviceId));
            double start = lowSet.contains(deviceId)
                    ? Battery.LOW_FROM + (Battery.LOW_BELOW - Battery.LOW_FROM) * random.nextDouble()
                    : Battery.HEALTHY_FROM + (Battery.HEALTHY_TO - Battery.HEALTHY_FROM) * random.nextDouble();
            double drain = Battery.DRAIN_PER_DAY * (0.8 + 0.4 * random.nextDouble());
            byDevice.put(deviceId, new Battery(since, start, drain));
        }
        return new Batteries(byDevice, low);
    }

    /**
     * The battery of a device.
     *
     * @throws IllegalStateException if the device was not listed as battery-powered when the batteries were drawn
     */
    Battery of(String deviceId) {
        Battery battery = byDevice.get(deviceId);
        if (battery == null) {
            throw new IllegalStateException(deviceId + " has no battery: list it with the community's battery-powered devices");
        }
        return battery;
    }

    /** The devices whose battery started low. */
    List<String> low() {
        return low;
    }
}
