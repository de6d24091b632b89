package org.communitycarbon.recycling.tool;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A booking of a shared tool.
 *
 * @param householdId who booked it; shown to that household and the property team only, absent for others
 * @param mine whether the caller's household booked it
 * @param overdue picked up and not returned by {@code until}, or returned after it
 */
public record ToolBookingView(UUID id, UUID toolId, String communityId, @Nullable String householdId, boolean mine, Instant from,
        Instant until, ToolBookingStatus status, int depositCredits, Instant bookedAt, @Nullable Instant pickedUpAt,
        @Nullable Instant returnedAt, @Nullable Instant cancelledAt, boolean overdue) {
}
