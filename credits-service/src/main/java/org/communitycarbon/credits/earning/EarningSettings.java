package org.communitycarbon.credits.earning;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;

import org.communitycarbon.model.sensing.WasteKind;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Defaults of earning ({@code credits.earning.*}).
 *
 * @param defaultTimeZone where a community's days and months are counted when its rules do not say
 * @param deviceDropsPerMinute the device velocity limit: most drops credited at one bin in any 60 seconds; more are
 *        flagged (a bin takes a drop in no less than about ten seconds: open, tip, weigh, close)
 * @param binCapacityKg what a bin of each kind holds, in kg, for a bin without a capacity in the device registry: one drop
 *        heavier than its bin is refused as an anomaly
 * @param depositWait how long a sorting reduction waits for its bin's deposit to reach this service before it is judged
 *        without the bin (it normally arrives first: the accounting service made the reduction from it)
 */
@ConfigurationProperties("credits.earning")
public record EarningSettings(
        @DefaultValue("Asia/Shanghai") ZoneId defaultTimeZone,
        @DefaultValue("6") int deviceDropsPerMinute,
        @Nullable Map<WasteKind, BigDecimal> binCapacityKg,
        @DefaultValue("PT1M") Duration depositWait) {

    /** 240-litre wheeled bins, as Chinese communities' sorting points have; hazardous waste in a small box. */
    static final Map<WasteKind, BigDecimal> DEFAULT_CAPACITY_KG = Map.of(WasteKind.PERISHABLE, new BigDecimal("60"),
            WasteKind.RECYCLABLE, new BigDecimal("40"), WasteKind.RESIDUAL, new BigDecimal("60"), WasteKind.HAZARDOUS,
            new BigDecimal("10"));

    public EarningSettings {
        if (deviceDropsPerMinute < 1 || deviceDropsPerMinute > 1_000) {
            throw new IllegalArgumentException("credits.earning.device-drops-per-minute must be 1 to 1000, was " + deviceDropsPerMinute);
        }
        Map<WasteKind, BigDecimal> capacities = new EnumMap<>(DEFAULT_CAPACITY_KG);
        if (binCapacityKg != null) {
            binCapacityKg.forEach((kind, kg) -> {
                if (kg.signum() <= 0 || kg.compareTo(new BigDecimal("10000")) > 0) {
                    throw new IllegalArgumentException("credits.earning.bin-capacity-kg." + kind + " must be above 0 and at most 10000");
                }
                capacities.put(kind, kg);
            });
        }
        binCapacityKg = Map.copyOf(capacities);
    }

    /** The capacity of a bin of this kind, in kg. */
    BigDecimal capacityKg(WasteKind kind) {
        return binCapacityKg.get(kind);
    }
}
