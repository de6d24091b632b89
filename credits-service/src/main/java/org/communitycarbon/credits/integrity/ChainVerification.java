package org.communitycarbon.credits.integrity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of recomputing a community's (or one account's) hash chains and comparing them with the latest
 * checkpoint.
 *
 * @param householdId the one account verified; null for a community
 * @param intact true when every chain checked matches its entries, its account row and the latest checkpoint
 * @param accountsChecked accounts verified in this call
 * @param entriesChecked entries recomputed in this call
 * @param firstMismatch the first entry (or account) that does not match; null when intact
 * @param checkpoint the latest checkpoint that changed this community's heads (later ones left them as they were); null
 *        before the first
 * @param nextHousehold verify a community's further accounts with {@code ?after=} this; null when none are left
 */
public record ChainVerification(String communityId, @Nullable String householdId, boolean intact, long accountsChecked,
        long entriesChecked, @Nullable Mismatch firstMismatch, @Nullable Checkpoint checkpoint, @Nullable String nextHousehold) {

    /**
     * The checkpoint compared with.
     *
     * @param number the checkpoint's number: compare the roots with the {@code LedgerCheckpointed} event of that number
     *        and community, as published
     * @param root the root over all communities that checkpoint recorded
     * @param communityRoot this community's root that checkpoint recorded
     * @param accountsSealed the community's accounts that checkpoint sealed
     */
    public record Checkpoint(long number, Instant createdAt, String root, String communityRoot, long accountsSealed) {
    }
}
