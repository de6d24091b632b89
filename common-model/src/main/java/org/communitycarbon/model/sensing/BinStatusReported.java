package org.communitycarbon.model.sensing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;
import org.jspecify.annotations.Nullable;

/** A bin's fill level, from 0 (empty) to 1 (full), as FIWARE WasteContainer {@code fillingLevel}. */
public record BinStatusReported(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        Instant receivedAt,
        String deviceId,
        @Nullable String dropPointId,
        @Nullable WasteKind wasteKind,
        Quantity fillingLevel) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** Decimal places of a fill level. */
    public static final int FILLING_LEVEL_SCALE = 4;

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        Require.present(receivedAt, "receivedAt");
        Require.identifier(deviceId, "deviceId");
        Require.optionalIdentifier(dropPointId, "dropPointId");
        Require.unit(fillingLevel, "fillingLevel", Unit.RATIO);
        Require.between(fillingLevel.value(), "fillingLevel.value", BigDecimal.ZERO, BigDecimal.ONE);
    }
}
