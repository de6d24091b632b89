package org.communitycarbon.model.recycling;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Require;

/**
 * A shared tool picked up by a household is not back by the end of its booking: a reminder for the household, once per
 * booking and local day of the community ({@link #eventIdOf}) for as long as the tool is out.
 *
 * @param occurredAt when the recycling service found it overdue
 * @param bookingId the booking
 * @param toolId the tool
 * @param toolName the tool's name, at most 100 characters
 * @param householdId the household that has the tool
 * @param dueAt when the booking ended
 * @param day the community's local day of this reminder
 * @param daysOverdue which day of being overdue this is: 1 on the local day the booking ended, 2 the day after, …
 */
public record ToolReturnOverdue(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        UUID bookingId,
        UUID toolId,
        String toolName,
        String householdId,
        Instant dueAt,
        LocalDate day,
        int daysOverdue) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** One reminder per booking and local day. */
    public static UUID eventIdOf(UUID bookingId, LocalDate day) {
        return EventIds.of("tool-return-overdue", bookingId.toString(), day.toString());
    }

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        Require.present(bookingId, "bookingId");
        Require.present(toolId, "toolId");
        Require.text(toolName, "toolName", 100);
        Require.identifier(householdId, "householdId");
        if (!Require.present(dueAt, "dueAt").isBefore(occurredAt)) {
            throw new ContractViolation("dueAt", "must be before occurredAt: the tool is overdue");
        }
        Require.present(day, "day");
        if (daysOverdue < 1 || daysOverdue > 100_000) {
            throw new ContractViolation("daysOverdue", "must be between 1 and 100000, was " + daysOverdue);
        }
    }
}
