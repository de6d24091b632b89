package org.communitycarbon.credits.integrity;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The first place where the ledger is not what its chain or its checkpoint says.
 *
 * @param householdId the account (null when the community's checkpoint record itself does not add up)
 * @param entryId the entry that does not match; null when the account's own row or an entry that is missing is at fault
 * @param accountSeq the entry's position in its account's chain
 * @param problem what does not match
 * @param expected what the chain (or checkpoint) requires there
 * @param found what the database holds there
 */
public record Mismatch(@Nullable String householdId, @Nullable UUID entryId, @Nullable Long accountSeq, Problem problem,
        String expected, String found) {

    /** What does not match. */
    @Schema(description = """
            SEQUENCE: an entry is missing or out of place (expected/found: positions). PREVIOUS_HASH: the entry does not \
            chain to the one before it (hashes). CONTENT: the entry's content no longer hashes to its entry_hash (expected: \
            the hash of its content now, found: the stored hash). BALANCE: the running balance does not add up. HEAD: the \
            account row's chain length or head differs from its last entry. CHECKPOINT: the chain no longer passes through \
            the head the latest checkpoint sealed — an entry at or before that position was rewritten, or removed. \
            CHECKPOINT_RECORD: the community's sealed heads no longer hash to the root the checkpoint published.""")
    public enum Problem {
        SEQUENCE, PREVIOUS_HASH, CONTENT, BALANCE, HEAD, CHECKPOINT, CHECKPOINT_RECORD
    }
}
