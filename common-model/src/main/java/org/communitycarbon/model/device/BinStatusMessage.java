package org.communitycarbon.model.device;

import java.math.BigDecimal;
import java.time.Instant;

import org.communitycarbon.model.Require;
import org.communitycarbon.model.sensing.BinStatusReported;
import org.communitycarbon.model.sensing.WasteKind;
import org.jspecify.annotations.Nullable;

/**
 * A sorting bin's {@code status}: {@code fillingLevel} from 0 to 1 (FIWARE WasteContainer), and
 * optionally the bin's waste kind and drop point.
 */
public record BinStatusMessage(
        @Nullable Instant dateObserved,
        @Nullable BigDecimal fillingLevel,
        @Nullable WasteKind wasteKind,
        @Nullable String dropPointId) {

    public BinStatusMessage {
        Require.present(dateObserved, "dateObserved");
        fillingLevel = Require.decimal(fillingLevel, "fillingLevel", BigDecimal.ZERO, BigDecimal.ONE,
                BinStatusReported.FILLING_LEVEL_SCALE);
        Require.optionalIdentifier(dropPointId, "dropPointId");
    }
}
