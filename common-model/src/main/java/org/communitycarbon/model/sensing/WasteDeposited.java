package org.communitycarbon.model.sensing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;

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

    public WasteDeposited {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        Require.present(receivedAt, "receivedAt");
        Require.identifier(deviceId, "deviceId");
        Require.identifier(householdId, "householdId");
        Require.present(wasteKind, "wasteKind");
        Require.unit(weight, "weight", Unit.KG);
        Require.positive(weight.value(), "weight.value", MAX_WEIGHT_KG);
    }
}
