package org.communitycarbon.recycling.exchange;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A listing of the exchange.
 *
 * @param householdId the owner's household; shown to the owner and the property team only
 * @param mine whether the caller's household listed it
 * @param status OPEN, RESERVED (a request accepted), HANDED_OVER, WITHDRAWN by the owner or REMOVED by the property team
 * @param paymentState the asking credits at the hand-over: NONE (not asked yet, or free), REQUESTED (being transferred),
 *        TRANSFERRED, REFUSED (the listing stays RESERVED; see paymentNote)
 * @param paymentNote why the transfer was refused; shown to the owner and the property team only (the requester sees its balance in the credits app)
 */
public record ListingView(UUID id, String communityId, @Nullable String householdId, boolean mine, String title,
        @Nullable String description, String condition, List<String> photoRefs, int askingCredits, String status,
        Instant listedAt, @Nullable UUID acceptedRequestId, @Nullable Instant handedOverAt, @Nullable Instant closedAt,
        @Nullable String closeReason, String paymentState, @Nullable String paymentNote) {
}
