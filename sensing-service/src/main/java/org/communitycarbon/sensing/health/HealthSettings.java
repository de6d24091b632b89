package org.communitycarbon.sensing.health;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.communitycarbon.model.device.DeviceType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How device health is judged ({@code sensing.health.*}).
 *
 * @param offlineAfter per device type, how long a device may be silent before it counts as offline; types not
 *        named keep their default (five of their reporting intervals: meters and bins report each minute)
 * @param flushInterval how often an instance writes when it last heard its devices (and marks them online)
 * @param checkInterval how often silent devices are looked for
 */
@ConfigurationProperties("sensing.health")
public record HealthSettings(
        @DefaultValue Map<DeviceType, Duration> offlineAfter,
        @DefaultValue("10s") Duration flushInterval,
        @DefaultValue("30s") Duration checkInterval) {

    static final Map<DeviceType, Duration> DEFAULTS = Map.of(
            DeviceType.ELECTRICITY_METER, Duration.ofMinutes(5),
            DeviceType.WATER_METER, Duration.ofMinutes(5),
            DeviceType.GAS_METER, Duration.ofMinutes(5),
            DeviceType.PV_METER, Duration.ofMinutes(5),
            DeviceType.WASTE_BIN, Duration.ofMinutes(5),
            DeviceType.ENVIRONMENT_SENSOR, Duration.ofMinutes(5));

    public HealthSettings {
        // A map with a default in @DefaultValue binds to nothing (PITFALLS.md): defaults are filled in here.
        Map<DeviceType, Duration> all = new EnumMap<>(DEFAULTS);
        all.putAll(offlineAfter);
        offlineAfter = Map.copyOf(all);
    }

    Duration offlineAfter(DeviceType type) {
        return offlineAfter.get(type);
    }
}
