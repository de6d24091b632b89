package org.communitycarbon.credits.merchant;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A merchant's receipt of a debit: what it took, when, from which household's pseudonym — never the household, its
 * balance or its history.
 *
 * @param householdRef the household's pseudonym
 * @param reversedAt when the debit was given back, null if not
 */
record MerchantReceipt(UUID id, UUID merchantId, String merchantName, String communityId,
        @Schema(example = "HH-1A2B3C4D") String householdRef, long amount, @Nullable UUID itemId, Instant debitedAt,
        String debitedBy, @Nullable Instant reversedAt) {
}
