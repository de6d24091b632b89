package org.communitycarbon.model.sensing;

import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Require;
import org.jspecify.annotations.Nullable;

/**
 * What an environment sensor observed. A sensor measures some of these, so each is optional, but at
 * least one is present. Names follow FIWARE AirQualityObserved and NoiseLevelObserved.
 */
public record EnvironmentObserved(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        Instant receivedAt,
        String deviceId,
        @Nullable String areaId,
        @Nullable Quantity temperature,
        @Nullable Quantity relativeHumidity,
        @Nullable Quantity pm25,
        @Nullable Quantity co2,
        @Nullable Quantity noiseLevel) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        Require.present(receivedAt, "receivedAt");
        Require.identifier(deviceId, "deviceId");
        Require.optionalIdentifier(areaId, "areaId");
        if (temperature == null && relativeHumidity == null && pm25 == null && co2 == null && noiseLevel == null) {
            throw new ContractViolation("temperature", "at least one of temperature, relativeHumidity, pm25, co2 and noiseLevel is required");
        }
        EnvironmentMeasure.TEMPERATURE.check(temperature, "temperature");
        EnvironmentMeasure.RELATIVE_HUMIDITY.check(relativeHumidity, "relativeHumidity");
        EnvironmentMeasure.PM25.check(pm25, "pm25");
        EnvironmentMeasure.CO2.check(co2, "co2");
        EnvironmentMeasure.NOISE_LEVEL.check(noiseLevel, "noiseLevel");
    }
}
