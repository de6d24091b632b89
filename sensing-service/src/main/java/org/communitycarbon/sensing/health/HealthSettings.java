package org.communitycarbon.sensing.health;

import java.math.BigDecimal;
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
 *        named keep their default (five of their reporting intervals: meters and bins report each minute; a
 *        recycling scale, which speaks only when it weighs, a week)
 * @param flushInterval how often an instance writes when it last heard its devices (and marks them online)
 * @param checkInterval how often silent devices are looked for
 * @param lowBattery a battery level below this (a ratio, 0.2 = 20 %) is shown as low
 */
@ConfigurationProperties("sensing.health")
public record HealthSettings(
        @DefaultValue Map<DeviceType, Duration> offlineAfter,
        @DefaultValue("10s") Duration flushInterval,
        @DefaultValue("30s") Duration checkInterval,
        @DefaultValue("0.2") BigDecimal lowBattery) {

    static final Map<DeviceType, Duration> DEFAULTS = Map.of(
            DeviceType.ELECTRICITY_METER, Duration.ofMinutes(5),
            DeviceType.WATER_METER, Duration.ofMinutes(5),
            DeviceType.GAS_METER, Duration.ofMinutes(5),
            DeviceType.PV_METER, Duration.ofMinutes(5),
            DeviceType.WASTE_BIN, Duration.ofMinutes(5),
            DeviceType.ENVIRONMENT_SENSOR, Duration.ofMinutes(5),
            // controllers report their status once a minute, as meters do
            DeviceType.LIGHTING_CONTROLLER, Duration.ofMinutes(5),
            DeviceType.LOAD_CONTROLLER, Duration.ofMinutes(5),
            // a scale speaks only when it weighs a pickup: a week of silence is worth a look, not a minute
            DeviceType.RECYCLING_SCALE, Duration.ofDays(7));

    public HealthSettings {
        // A map with a default in @DefaultValue binds to nothing (PITFALLS.md): defaults are filled in here.
        Map<DeviceType, Duration> all = new EnumMap<>(DEFAULTS);
        all.putAll(offlineAfter);
        offlineAfter = Map.copyOf(all);
        if (lowBattery.signum() < 0 || lowBattery.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("sensing.health.low-battery is a ratio from 0 to 1, was " + lowBattery.toPlainString());
        }
    }

    Duration offlineAfter(DeviceType type) {
        return offlineAfter.get(type);
    }
}
