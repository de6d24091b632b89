package org.communitycarbon.model.sensing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Require;
import org.jspecify.annotations.Nullable;

/**
 * A meter's cumulative register at {@code occurredAt}. Consumption is the difference between two
 * readings of the same device; the reading itself is never a consumption.
 * <p>
 * A meter serves either a household ({@code householdId}) or a common area ({@code areaId}), never both.
 */
public record MeterReadingReceived(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        Instant receivedAt,
        String deviceId,
        MeterType meterType,
        @Nullable String householdId,
        @Nullable String areaId,
        Quantity register) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** Registers beyond this are taken for a device fault rather than a reading. */
    public static final BigDecimal MAX_REGISTER = new BigDecimal("999999999");

    /** Decimal places of a register: the platform stores registers as {@code numeric(18,6)}. */
    public static final int REGISTER_SCALE = 6;

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        Require.present(receivedAt, "receivedAt");
        Require.identifier(deviceId, "deviceId");
        Require.present(meterType, "meterType");
        Require.optionalIdentifier(householdId, "householdId");
        Require.optionalIdentifier(areaId, "areaId");
        if ((householdId == null) == (areaId == null)) {
            throw new ContractViolation("householdId", "exactly one of householdId and areaId must be given");
        }
        Require.unit(register, "register", meterType.registerUnit());
        checkRegister(register.value(), "register.value");
    }

    /** A register within range and scale: what a reader that stores registers checks. */
    public static BigDecimal checkRegister(@Nullable BigDecimal register, String field) {
        BigDecimal checked = Require.between(register, field, BigDecimal.ZERO, MAX_REGISTER);
        if (checked.scale() > REGISTER_SCALE) {
            throw new ContractViolation(field, "must have at most " + REGISTER_SCALE + " decimal places");
        }
        return checked;
    }
}
