package org.communitycarbon.credits.redemption;

import java.time.Instant;
import java.util.UUID;

/**
 * A redemption given back, as a new ledger entry that credits the household.
 *
 * @param credits credits given back, those the redemption debited
 * @param balanceAfter the household's balance right after the reversal
 */
public record Reversal(UUID redemptionId, String communityId, String householdId, UUID entryId, long credits,
        long balanceAfter, String reason, String reversedBy, Instant reversedAt) {
}
