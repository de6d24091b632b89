package org.communitycarbon.credits.redemption;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a resident (and the merchant) is shown for a redemption.
 *
 * @param credits credits debited, the item's price at the time times the quantity
 * @param balanceAfter the household's balance right after the debit
 * @param entryId the ledger entry that debited the account
 * @param reversedAt when the property manager reversed it, null if not
 */
public record Receipt(UUID id, String communityId, String householdId, UUID itemId, String itemNameZh, String itemNameEn,
        ItemKind kind, int quantity, long credits, long balanceAfter, Instant redeemedAt, UUID entryId,
        @Nullable Instant reversedAt) {
}
