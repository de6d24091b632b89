package org.communitycarbon.simulator.community;

import java.math.BigDecimal;
import java.time.Instant;

import org.communitycarbon.model.sensing.WasteKind;

/** A deposit a household will make at a drop point, planned when the drop window opens. */
record PlannedDeposit(Instant at, String householdId, WasteKind kind, BigDecimal weightKg, boolean correctlySorted) {
}
