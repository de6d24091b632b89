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
 * @param depositState where the deposit stands: NONE (none asked), REQUESTED, HELD, REFUSED, RELEASE_REQUESTED, RELEASED,
 *        FORFEIT_REQUESTED, FORFEITED
 * @param depositNote why the deposit was refused or kept; shown to the household and the property team only
 * @param forfeitedAt when the property manager reported the tool lost or damaged
 */
public record ToolBookingView(UUID id, UUID toolId, String communityId, @Nullable String householdId, boolean mine, Instant from,
        Instant until, ToolBookingStatus status, int depositCredits, Instant bookedAt, @Nullable Instant pickedUpAt,
        @Nullable Instant returnedAt, @Nullable Instant cancelledAt, boolean overdue, String depositState,
        @Nullable String depositNote, @Nullable Instant forfeitedAt) {
}
