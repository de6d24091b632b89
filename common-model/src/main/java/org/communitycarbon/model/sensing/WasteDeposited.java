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
 * A bin with a recognition camera also says what kind it saw ({@code detectedKind}): the category the drop
 * belongs to. Optional and added without a new schema version: events written before it, and bins without a
 * camera, have none. When present, {@code correctlySorted} agrees with it (the kinds are equal).
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
        boolean correctlySorted,
        @Nullable WasteKind detectedKind) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** A single drop heavier than this is a scale fault, not a deposit. */
    public static final BigDecimal MAX_WEIGHT_KG = new BigDecimal("100");

    /** The lightest drop a bin's scale resolves. */
    public static final BigDecimal MIN_WEIGHT_KG = new BigDecimal("0.001");

    /** Decimal places of a weight: grams. The platform stores weights as {@code numeric(10,3)}. */
    public static final int WEIGHT_SCALE = 3;

    /** A deposit from a bin that recognises nothing: no {@code detectedKind}. */
    public WasteDeposited(UUID eventId, int schemaVersion, String communityId, Instant occurredAt, Instant receivedAt,
            String deviceId, String householdId, WasteKind wasteKind, Quantity weight, boolean correctlySorted) {
        this(eventId, schemaVersion, communityId, occurredAt, receivedAt, deviceId, householdId, wasteKind, weight,
                correctlySorted, null);
    }

    /** Whether the bin's camera recognised the drop as another kind than the bin's: a wrongly sorted drop whose right category is known. */
    public boolean recognisedAsOtherKind() {
        return detectedKind != null && detectedKind != wasteKind;
    }

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        Require.present(receivedAt, "receivedAt");
        Require.identifier(deviceId, "deviceId");
        Require.identifier(householdId, "householdId");
        Require.present(wasteKind, "wasteKind");
        Require.unit(weight, "weight", Unit.KG);
        checkWeight(weight.value(), "weight.value");
        checkRecognition(wasteKind, detectedKind, correctlySorted);
    }

    /** What a producer checks of a recognised kind: the bin's judgement agrees with it. */
    public static void checkRecognition(WasteKind wasteKind, @Nullable WasteKind detectedKind, boolean correctlySorted) {
        if (detectedKind != null && correctlySorted != (detectedKind == wasteKind)) {
            throw new ContractViolation("correctlySorted", "must be " + (detectedKind == wasteKind) + " when detectedKind is "
                    + detectedKind + " and wasteKind " + wasteKind);
        }
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
