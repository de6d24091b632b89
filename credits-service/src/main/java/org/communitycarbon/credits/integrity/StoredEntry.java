package org.communitycarbon.credits.integrity;

import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.credits.ledger.EntryHash;

/** A ledger entry as the database holds it now, hashes included. */
record StoredEntry(UUID id, String communityId, String householdId, long accountSeq, long amount, long balanceAfter, String kind,
        String reason, UUID sourceEventId, Instant occurredAt, Instant recordedAt, byte[] prevHash, byte[] entryHash) {

    static final String COLUMNS = "id, community_id, household_id, account_seq, amount, balance_after, kind, reason, source_event_id, "
            + "occurred_at, recorded_at, prev_hash, entry_hash";

    static StoredEntry read(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredEntry(rs.getObject("id", UUID.class), rs.getString("community_id"), rs.getString("household_id"),
                rs.getLong("account_seq"), rs.getLong("amount"), rs.getLong("balance_after"), rs.getString("kind"),
                rs.getString("reason"), rs.getObject("source_event_id", UUID.class),
                rs.getObject("occurred_at", java.time.OffsetDateTime.class).toInstant(),
                rs.getObject("recorded_at", java.time.OffsetDateTime.class).toInstant(), rs.getBytes("prev_hash"),
                rs.getBytes("entry_hash"));
    }

    /** SHA-256 of the entry's canonical form as it is now; a field the form cannot hold (a control character) is a mismatch. */
    byte[] recomputedHash() {
        try {
            return EntryHash.of(new EntryHash.Content(id, communityId, householdId, accountSeq, amount, balanceAfter, kind, reason,
                    sourceEventId, occurredAt, recordedAt, prevHash));
        }
        catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
