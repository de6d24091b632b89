package org.communitycarbon.simulator.community;

import java.math.BigDecimal;
import java.time.Instant;

import org.communitycarbon.model.sensing.WasteKind;
import org.jspecify.annotations.Nullable;

/**
 * A deposit a household will make at a drop point, planned when the drop window opens.
 *
 * @param detectedKind what the bin's camera recognises: the bin's kind for a correctly sorted drop, another kind for a
 *        missorted one, none for a wrongly sorted drop it could not name
 */
record PlannedDeposit(Instant at, String householdId, WasteKind kind, BigDecimal weightKg, boolean correctlySorted,
        @Nullable WasteKind detectedKind) {
}
