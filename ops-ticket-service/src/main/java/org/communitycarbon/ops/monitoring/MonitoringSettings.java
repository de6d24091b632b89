package org.communitycarbon.ops.monitoring;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Environment and energy monitoring (docs/monitoring.md).
 *
 * @param defaultTimeZone the zone of a community the registry has not described yet (Asia/Shanghai)
 */
@ConfigurationProperties("ops.monitoring")
public record MonitoringSettings(
        @DefaultValue("Asia/Shanghai") ZoneId defaultTimeZone,
        @DefaultValue Environment environment,
        @DefaultValue Energy energy) {

    /**
     * @param nightStarts when night begins in a community's time zone (22:00): night limits apply from then
     * @param nightEnds when night ends (06:00)
     * @param resolveWithin how long the property team has to handle an ENVIRONMENT_THRESHOLD work order (4 hours)
     * @param pm25 the default thresholds of PM2.5, µg/m³
     * @param co2 of CO2, ppm
     * @param noiseLevel of noise, dB(A)
     */
    public record Environment(
            @DefaultValue("22:00") LocalTime nightStarts,
            @DefaultValue("06:00") LocalTime nightEnds,
            @DefaultValue("4h") Duration resolveWithin,
            @Nullable Threshold pm25,
            @Nullable Threshold co2,
            @Nullable Threshold noiseLevel) {

        public Environment {
            positive(resolveWithin, "ops.monitoring.environment.resolve-within");
            if (nightStarts.equals(nightEnds)) {
                throw new IllegalArgumentException("ops.monitoring.environment.night-starts and night-ends must differ");
            }
            // GB 3095-2012 grade II 24-hour PM2.5 limit; 150 µg/m³ is "heavily polluted"
            pm25 = pm25 != null ? pm25 : new Threshold(new BigDecimal("75"), new BigDecimal("75"), new BigDecimal("10"),
                    Duration.ofMinutes(10), new BigDecimal("75"), WorkOrderFrom.CRITICAL);
            // GB/T 18883 indoor CO2 limit 0.10 %
            co2 = co2 != null ? co2 : new Threshold(new BigDecimal("1000"), new BigDecimal("1000"), new BigDecimal("100"),
                    Duration.ofMinutes(10), new BigDecimal("1000"), WorkOrderFrom.WARNING);
            // GB 3096-2008 class 1 (residential): 55 dB(A) by day, 45 dB(A) at night
            noiseLevel = noiseLevel != null ? noiseLevel : new Threshold(new BigDecimal("55"), new BigDecimal("45"),
                    new BigDecimal("3"), Duration.ofMinutes(10), new BigDecimal("10"), WorkOrderFrom.WARNING);
        }
    }

    /**
     * One measure's thresholds.
     *
     * @param dayLimit the value at or above which the measure is over its limit by day
     * @param nightLimit the same at night
     * @param hysteresis an alert clears only below the limit minus this
     * @param minimumDuration how long, in observation time, a condition must hold before an alert is raised or cleared
     * @param criticalMargin an alert is CRITICAL from the limit plus this, else WARNING
     * @param workOrderFrom the severity from which an alert opens a work order ({@code NEVER}: none)
     */
    public record Threshold(
            BigDecimal dayLimit,
            BigDecimal nightLimit,
            BigDecimal hysteresis,
            Duration minimumDuration,
            BigDecimal criticalMargin,
            WorkOrderFrom workOrderFrom) {
    }

    /**
     * @param rawRetention how long the registers of common-area meters are kept to recompute hours (48 hours); a reading
     *        older than this when it arrives is not counted
     * @param resolveWithin how long the property team has to handle an ENERGY_ANOMALY work order (24 hours)
     * @param daylightStarts the default start of the daylight window in which public lighting should draw no power (07:00)
     * @param daylightEnds its end (17:00)
     * @param lightingMinimum the energy a lighting subsystem may draw in a daylight hour without an alert (0.05 kWh)
     * @param lightingWorkOrder whether lighting in daylight opens a work order (yes)
     * @param baselineDays the days before an hour whose same hour makes the baseline (7)
     * @param baselineMinimumDays how many of them must have readings for the rule to judge (5)
     * @param baselineShare how far above its baseline a subsystem's hour raises an alert (0.3 = 30 % above)
     * @param baselineMinimum baselines below this are too small to judge (0.1 kWh)
     * @param baselineWorkOrder whether a subsystem above its baseline opens a work order (yes)
     */
    public record Energy(
            @DefaultValue("48h") Duration rawRetention,
            @DefaultValue("24h") Duration resolveWithin,
            @DefaultValue("07:00") LocalTime daylightStarts,
            @DefaultValue("17:00") LocalTime daylightEnds,
            @DefaultValue("0.05") BigDecimal lightingMinimum,
            @DefaultValue("true") boolean lightingWorkOrder,
            @DefaultValue("7") int baselineDays,
            @DefaultValue("5") int baselineMinimumDays,
            @DefaultValue("0.3") BigDecimal baselineShare,
            @DefaultValue("0.1") BigDecimal baselineMinimum,
            @DefaultValue("true") boolean baselineWorkOrder) {

        public Energy {
            positive(rawRetention, "ops.monitoring.energy.raw-retention");
            positive(resolveWithin, "ops.monitoring.energy.resolve-within");
            if (!daylightEnds.isAfter(daylightStarts)) {
                throw new IllegalArgumentException("ops.monitoring.energy.daylight-ends must be after daylight-starts");
            }
            if (baselineDays < 1 || baselineDays > 60 || baselineMinimumDays < 1 || baselineMinimumDays > baselineDays) {
                throw new IllegalArgumentException("ops.monitoring.energy.baseline-days is 1 to 60 and baseline-minimum-days 1 to it");
            }
            if (baselineShare.signum() <= 0 || lightingMinimum.signum() < 0 || baselineMinimum.signum() < 0) {
                throw new IllegalArgumentException("ops.monitoring.energy: baseline-share above 0, minimums at least 0");
            }
        }
    }

    private static void positive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
