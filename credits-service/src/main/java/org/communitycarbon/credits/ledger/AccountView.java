package org.communitycarbon.credits.ledger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A household's credits as the app shows them.
 *
 * @param balance credits available now
 * @param earnedTotal credits ever earned
 * @param recentEntries the latest ledger entries, newest first
 */
public record AccountView(String communityId, String householdId, long balance, long earnedTotal,
        List<EntryView> recentEntries) {

    /** One ledger line. */
    public record EntryView(UUID id, long amount, long balanceAfter, EntryKind kind, String reason, UUID sourceEventId,
            Instant occurredAt, Instant recordedAt) {

        static EntryView of(LedgerEntry entry) {
            return new EntryView(entry.id(), entry.amount(), entry.balanceAfter(), entry.kind(), entry.reason(),
                    entry.sourceEventId(), entry.occurredAt(), entry.recordedAt());
        }
    }
}
