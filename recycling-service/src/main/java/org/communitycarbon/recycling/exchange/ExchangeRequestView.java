package org.communitycarbon.recycling.exchange;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A request for a listed item, as its owner, the requester and the property team see it. */
public record ExchangeRequestView(UUID id, UUID listingId, String householdId, @Nullable String message, String status,
        Instant requestedAt) {
}
