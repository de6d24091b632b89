package org.communitycarbon.model.device;

import java.math.BigDecimal;
import java.time.Instant;

import org.communitycarbon.model.Require;
import org.communitycarbon.model.sensing.BinStatusReported;
import org.communitycarbon.model.sensing.WasteKind;
import org.jspecify.annotations.Nullable;

/**
 * A sorting bin's {@code status}: {@code fillingLevel} from 0 to 1 (FIWARE WasteContainer), and
 * optionally the bin's waste kind and drop point, and the charge of its battery, {@code batteryLevel} from 0 to 1.
 */
public record BinStatusMessage(
        @Nullable Instant dateObserved,
        @Nullable BigDecimal fillingLevel,
        @Nullable WasteKind wasteKind,
        @Nullable String dropPointId,
        @Nullable BigDecimal batteryLevel) {

    public BinStatusMessage {
        Require.present(dateObserved, "dateObserved");
        fillingLevel = Require.decimal(fillingLevel, "fillingLevel", BigDecimal.ZERO, BigDecimal.ONE,
                BinStatusReported.FILLING_LEVEL_SCALE);
        Require.optionalIdentifier(dropPointId, "dropPointId");
        batteryLevel = Battery.level(batteryLevel, "batteryLevel");
    }

    /** A status without a battery level, from a mains-powered bin. */
    public BinStatusMessage(@Nullable Instant dateObserved, @Nullable BigDecimal fillingLevel, @Nullable WasteKind wasteKind,
            @Nullable String dropPointId) {
        this(dateObserved, fillingLevel, wasteKind, dropPointId, null);
    }
}
