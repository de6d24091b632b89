package org.communitycarbon.model.device;

import java.math.BigDecimal;
import java.time.Instant;

import org.communitycarbon.model.Require;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.model.sensing.MeterType;
import org.jspecify.annotations.Nullable;

/**
 * A meter's {@code reading}: its cumulative register in the attribute its type uses —
 * {@code totalActiveEnergyImport} (kWh) for electricity and {@code totalActiveEnergyExport} (kWh) for
 * PV generation (FIWARE ThreePhaseAcMeasurement), {@code waterConsumption} (m³, FIWARE
 * WaterConsumptionObserved) for water and {@code gasConsumption} (m³, by analogy) for gas.
 * <p>
 * {@code householdId} and {@code areaId} are accepted for devices that still send them, and ignored: whom a
 * meter serves comes from the device registry.
 */
public record MeterReadingMessage(
        @Nullable Instant dateObserved,
        @Nullable String householdId,
        @Nullable String areaId,
        @Nullable BigDecimal totalActiveEnergyImport,
        @Nullable BigDecimal totalActiveEnergyExport,
        @Nullable BigDecimal waterConsumption,
        @Nullable BigDecimal gasConsumption) {

    public MeterReadingMessage {
        Require.present(dateObserved, "dateObserved");
        Require.optionalIdentifier(householdId, "householdId");
        Require.optionalIdentifier(areaId, "areaId");
    }

    public static String registerAttribute(MeterType type) {
        return switch (type) {
            case ELECTRICITY -> "totalActiveEnergyImport";
            case PV_GENERATION -> "totalActiveEnergyExport";
            case WATER -> "waterConsumption";
            case GAS -> "gasConsumption";
        };
    }

    /**
     * The register a meter of this type reports, rounded to the platform's six decimal places; an error naming
     * the attribute if it is missing or out of range.
     */
    public BigDecimal register(MeterType type) {
        BigDecimal value = switch (type) {
            case ELECTRICITY -> totalActiveEnergyImport;
            case PV_GENERATION -> totalActiveEnergyExport;
            case WATER -> waterConsumption;
            case GAS -> gasConsumption;
        };
        String attribute = registerAttribute(type);
        return Require.decimal(Require.present(value, attribute), attribute, BigDecimal.ZERO, MeterReadingReceived.MAX_REGISTER,
                MeterReadingReceived.REGISTER_SCALE);
    }

    public static MeterReadingMessage of(MeterType type, Instant dateObserved, @Nullable String householdId,
            @Nullable String areaId, BigDecimal register) {
        return new MeterReadingMessage(dateObserved, householdId, areaId,
                type == MeterType.ELECTRICITY ? register : null,
                type == MeterType.PV_GENERATION ? register : null,
                type == MeterType.WATER ? register : null,
                type == MeterType.GAS ? register : null);
    }
}
