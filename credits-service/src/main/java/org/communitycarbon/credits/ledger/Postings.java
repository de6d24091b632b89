package org.communitycarbon.credits.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One entry on one existing account, in the caller's transaction: the balance moved by a conditional update that
 * never takes it below zero and locks the account row until commit, the entry appended at the chain's next position
 * and chained to its head (docs/credits.md, "Adding a kind of entry"). Redemptions, merchant debits and their
 * reversals write through here.
 */
@Component
public class Postings {

    private final JdbcClient jdbc;

    Postings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * An entry that was written.
     *
     * @param balance the account's balance right after it
     * @param accountSeq its position in the account's chain
     * @param at when it was recorded (and occurred), at PostgreSQL's microseconds
     */
    public record Posted(UUID entryId, long balance, long accountSeq, Instant at) {
    }

    /**
     * Moves the account's balance by {@code amount} and appends the entry; empty (and nothing written) when the
     * balance would go below zero or the household has no account.
     */
    public Optional<Posted> post(String communityId, String householdId, long amount, EntryKind kind, String reason,
            UUID entryId, UUID sourceId) {
        return jdbc.sql("""
                UPDATE credit_account SET balance = balance + ?, chain_length = chain_length + 1, updated_at = now()
                WHERE community_id = ? AND household_id = ? AND balance + ? >= 0
                RETURNING balance, chain_length, head_hash, updated_at""")
                .params(amount, communityId, householdId, amount)
                .query((rs, row) -> {
                    byte[] head = rs.getBytes("head_hash");
                    return new Moved(rs.getLong("balance"), rs.getLong("chain_length"), head == null ? EntryHash.GENESIS : head,
                            EntryHash.micros(rs.getTimestamp("updated_at").toInstant()));
                })
                .optional()
                .map(moved -> append(communityId, householdId, moved, entryId, amount, kind, reason, sourceId));
    }

    /** The balance now; 0 for a household without an account. */
    public long balance(String communityId, String householdId) {
        return jdbc.sql("SELECT balance FROM credit_account WHERE community_id = ? AND household_id = ?")
                .params(communityId, householdId).query(Long.class).optional().orElse(0L);
    }

    private Posted append(String communityId, String householdId, Moved moved, UUID entryId, long amount, EntryKind kind,
            String reason, UUID sourceId) {
        byte[] hash = EntryHash.of(new EntryHash.Content(entryId, communityId, householdId, moved.chainLength(), amount,
                moved.balance(), kind.name(), reason, sourceId, moved.at(), moved.at(), moved.previousHead()));
        // the entry and the account's new head in one round trip (the driver sends both statements before it waits):
        // the account's row is locked meanwhile, so the fewer trips, the sooner the next debit of a hot account runs
        jdbc.sql("""
                INSERT INTO ledger_entry (id, community_id, household_id, amount, balance_after, kind, reason, source_event_id,
                                          occurred_at, recorded_at, account_seq, prev_hash, entry_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);
                UPDATE credit_account SET head_hash = ? WHERE community_id = ? AND household_id = ?""")
                .params(entryId, communityId, householdId, amount, moved.balance(), kind.name(), reason, sourceId,
                        Timestamp.from(moved.at()), Timestamp.from(moved.at()), moved.chainLength(), moved.previousHead(), hash,
                        hash, communityId, householdId)
                .update();
        return new Posted(entryId, moved.balance(), moved.chainLength(), moved.at());
    }

    /** An account after its balance moved: the new balance, the entry's position, the head before it, the time. */
    private record Moved(long balance, long chainLength, byte[] previousHead, Instant at) {
    }
}
