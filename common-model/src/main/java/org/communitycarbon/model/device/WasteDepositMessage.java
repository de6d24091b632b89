package org.communitycarbon.model.device;

import java.math.BigDecimal;
import java.time.Instant;

import org.communitycarbon.model.Require;
import org.communitycarbon.model.sensing.WasteDeposited;
import org.communitycarbon.model.sensing.WasteKind;
import org.jspecify.annotations.Nullable;

/**
 * A sorting bin's {@code deposit}: the household whose code was scanned, the waste kind, the weight
 * in kg (rounded to grams; at least 1 g) and whether the bin judged the drop correctly sorted; optionally the
 * kind its recognition camera saw ({@code detectedKind}), with which {@code correctlySorted} must agree.
 */
public record WasteDepositMessage(
        @Nullable Instant dateObserved,
        @Nullable String householdId,
        @Nullable WasteKind wasteKind,
        @Nullable BigDecimal weight,
        @Nullable Boolean correctlySorted,
        @Nullable WasteKind detectedKind) {

    public WasteDepositMessage {
        Require.present(dateObserved, "dateObserved");
        Require.identifier(householdId, "householdId");
        Require.present(wasteKind, "wasteKind");
        weight = Require.decimal(weight, "weight", WasteDeposited.MIN_WEIGHT_KG, WasteDeposited.MAX_WEIGHT_KG,
                WasteDeposited.WEIGHT_SCALE);
        Require.present(correctlySorted, "correctlySorted");
        WasteDeposited.checkRecognition(wasteKind, detectedKind, correctlySorted);
    }

    /** A deposit from a bin without a recognition camera. */
    public WasteDepositMessage(@Nullable Instant dateObserved, @Nullable String householdId, @Nullable WasteKind wasteKind,
            @Nullable BigDecimal weight, @Nullable Boolean correctlySorted) {
        this(dateObserved, householdId, wasteKind, weight, correctlySorted, null);
    }
}
