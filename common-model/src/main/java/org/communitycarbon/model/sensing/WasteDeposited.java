package org.communitycarbon.model.sensing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;
import org.jspecify.annotations.Nullable;

/**
 * A household dropped waste into a sorting bin: the bin identified the household by its code
 * ("one household, one code"), weighed the drop and judged whether it was sorted correctly.
 */
public record WasteDeposited(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        Instant receivedAt,
        String deviceId,
        String householdId,
        WasteKind wasteKind,
        Quantity weight,
        boolean correctlySorted) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** A single drop heavier than this is a scale fault, not a deposit. */
    public static final BigDecimal MAX_WEIGHT_KG = new BigDecimal("100");

    /** The lightest drop a bin's scale resolves. */
    public static final BigDecimal MIN_WEIGHT_KG = new BigDecimal("0.001");

    /** Decimal places of a weight: grams. The platform stores weights as {@code numeric(10,3)}. */
    public static final int WEIGHT_SCALE = 3;

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        Require.present(receivedAt, "receivedAt");
        Require.identifier(deviceId, "deviceId");
        Require.identifier(householdId, "householdId");
        Require.present(wasteKind, "wasteKind");
        Require.unit(weight, "weight", Unit.KG);
        checkWeight(weight.value(), "weight.value");
    }

    /** A weight within range and scale: what a reader that stores weights checks. */
    public static BigDecimal checkWeight(@Nullable BigDecimal weight, String field) {
        BigDecimal checked = Require.between(weight, field, MIN_WEIGHT_KG, MAX_WEIGHT_KG);
        if (checked.scale() > WEIGHT_SCALE) {
            throw new ContractViolation(field, "must have at most " + WEIGHT_SCALE + " decimal places");
        }
        return checked;
    }
}
