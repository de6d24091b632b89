package org.communitycarbon.model.device;

import java.math.BigDecimal;
import java.time.Instant;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.sensing.EnvironmentMeasure;
import org.jspecify.annotations.Nullable;

/**
 * An environment sensor's {@code reading}, named as FIWARE AirQualityObserved ({@code temperature}
 * °C, {@code relativeHumidity} 0–1, {@code pm25} µg/m³, {@code co2} ppm) and NoiseLevelObserved
 * ({@code LAeq} dB(A)). At least one measurement is present. A battery-powered sensor may add the charge of its
 * battery, {@code batteryLevel} from 0 to 1.
 */
public record EnvironmentMessage(
        @Nullable Instant dateObserved,
        @Nullable String areaId,
        @Nullable BigDecimal temperature,
        @Nullable BigDecimal relativeHumidity,
        @Nullable BigDecimal pm25,
        @Nullable BigDecimal co2,
        @Nullable BigDecimal LAeq,
        @Nullable BigDecimal batteryLevel) {

    public EnvironmentMessage {
        Require.present(dateObserved, "dateObserved");
        Require.optionalIdentifier(areaId, "areaId");
        if (temperature == null && relativeHumidity == null && pm25 == null && co2 == null && LAeq == null) {
            throw new ContractViolation("temperature", "at least one of temperature, relativeHumidity, pm25, co2 and LAeq is required");
        }
        temperature = EnvironmentMeasure.TEMPERATURE.checkValue(temperature, "temperature");
        relativeHumidity = EnvironmentMeasure.RELATIVE_HUMIDITY.checkValue(relativeHumidity, "relativeHumidity");
        pm25 = EnvironmentMeasure.PM25.checkValue(pm25, "pm25");
        co2 = EnvironmentMeasure.CO2.checkValue(co2, "co2");
        LAeq = EnvironmentMeasure.NOISE_LEVEL.checkValue(LAeq, "LAeq");
        batteryLevel = Battery.level(batteryLevel, "batteryLevel");
    }

    /** A reading without a battery level, from a mains-powered sensor. */
    public EnvironmentMessage(@Nullable Instant dateObserved, @Nullable String areaId, @Nullable BigDecimal temperature,
            @Nullable BigDecimal relativeHumidity, @Nullable BigDecimal pm25, @Nullable BigDecimal co2, @Nullable BigDecimal LAeq) {
        this(dateObserved, areaId, temperature, relativeHumidity, pm25, co2, LAeq, null);
    }
}
