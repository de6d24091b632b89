package org.communitycarbon.credits.integrity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.communitycarbon.credits.ledger.EntryHash;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes hash chains from the database as it is now and compares them with the latest checkpoint, in one
 * snapshot (repeatable read), so entries written meanwhile neither pass nor fail the check half-way.
 */
@Service
public class LedgerVerification {

    private final JdbcTemplate jdbc;

    LedgerVerification(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The community's accounts after {@code after} (all from the first when null), at most {@code accounts} of them. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ChainVerification community(String communityId, @Nullable String after, int accounts) {
        List<String> households = jdbc.queryForList("""
                SELECT household_id FROM (
                    SELECT household_id FROM credit_account WHERE community_id = ?
                    UNION SELECT household_id FROM ledger_checkpoint_head WHERE community_id = ?) h
                WHERE household_id COLLATE "C" > ? ORDER BY household_id COLLATE "C" LIMIT ?""", String.class,
                communityId, communityId, after == null ? "" : after, accounts + 1);
        String next = null;
        if (households.size() > accounts) {
            households = households.subList(0, accounts);
            next = households.get(accounts - 1);
        }
        return verify(communityId, null, households, next);
    }

    /** One account. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ChainVerification household(String communityId, String householdId) {
        return verify(communityId, householdId, List.of(householdId), null);
    }

    private ChainVerification verify(String communityId, @Nullable String householdId, List<String> households, @Nullable String next) {
        Sealed sealed = sealed(communityId);
        Map<String, ChainCheck> checks = new LinkedHashMap<>();
        for (String household : households) {
            checks.put(household, ChainCheck.fromGenesis(household, sealed.heads().get(household)));
        }
        Map<String, Account> rows = new HashMap<>();
        if (!households.isEmpty()) {
            jdbc.query(connection -> byCommunityAndHouseholds(connection, """
                    SELECT household_id, chain_length, head_hash, balance FROM credit_account
                    WHERE community_id = ? AND household_id = ANY(?)""", communityId, households), rs -> {
                        rows.put(rs.getString(1), new Account(rs.getLong(2), rs.getBytes(3), rs.getLong(4)));
                    });
            jdbc.query(connection -> {
                PreparedStatement statement = byCommunityAndHouseholds(connection, "SELECT " + StoredEntry.COLUMNS + """
                         FROM ledger_entry WHERE community_id = ? AND household_id = ANY(?)
                        ORDER BY household_id, account_seq""", communityId, households);
                statement.setFetchSize(1000);
                return statement;
            }, rs -> {
                checks.get(rs.getString("household_id")).next(StoredEntry.read(rs));
            });
        }
        Mismatch first = null;
        long entries = 0;
        for (var check : checks.entrySet()) {
            Account row = rows.getOrDefault(check.getKey(), Account.NONE);
            Mismatch mismatch = check.getValue().finish(row.chainLength(), row.headHash(), row.balance());
            entries += check.getValue().checked();
            if (first == null) {
                first = mismatch;
            }
        }
        if (first == null && sealed.checkpoint() != null && !Arrays.equals(sealed.recordedRoot(), sealed.recomputedRoot())) {
            first = new Mismatch(null, null, null, Mismatch.Problem.CHECKPOINT_RECORD, EntryHash.hex(sealed.recordedRoot()),
                    EntryHash.hex(sealed.recomputedRoot()));
        }
        return new ChainVerification(communityId, householdId, first == null, checks.size(), entries, first, sealed.checkpoint(), next);
    }

    /** The community's heads as the latest checkpoint that changed them sealed them, and that checkpoint's roots. */
    private Sealed sealed(String communityId) {
        List<Sealed.Record> records = jdbc.query("""
                SELECT k.id, k.created_at, k.root, c.root AS community_root
                FROM ledger_checkpoint_community c JOIN ledger_checkpoint k ON k.id = c.checkpoint_id
                WHERE c.community_id = ? ORDER BY c.checkpoint_id DESC LIMIT 1""",
                (rs, n) -> new Sealed.Record(rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                        rs.getBytes(3), rs.getBytes(4)), communityId);
        if (records.isEmpty()) {
            return new Sealed(Map.of(), null, new byte[0], new byte[0]);
        }
        Sealed.Record latest = records.get(0);
        Map<String, ChainCheck.SealedHead> heads = new HashMap<>();
        List<CheckpointRoots.Head> list = new ArrayList<>();
        jdbc.query("""
                SELECT DISTINCT ON (household_id) household_id, chain_length, head_hash FROM ledger_checkpoint_head
                WHERE community_id = ? AND checkpoint_id <= ? ORDER BY household_id, checkpoint_id DESC""", rs -> {
                    heads.put(rs.getString(1), new ChainCheck.SealedHead(rs.getLong(2), rs.getBytes(3)));
                    list.add(new CheckpointRoots.Head(rs.getString(1), rs.getLong(2), rs.getBytes(3)));
                }, communityId, latest.id());
        byte[] recomputed = CheckpointRoots.community(list);
        return new Sealed(heads, new ChainVerification.Checkpoint(latest.id(), latest.createdAt(), EntryHash.hex(latest.root()),
                EntryHash.hex(latest.communityRoot()), list.size()), latest.communityRoot(), recomputed);
    }

    private static PreparedStatement byCommunityAndHouseholds(Connection connection, String sql, String communityId,
            List<String> households) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setString(1, communityId);
        statement.setArray(2, connection.createArrayOf("text", households.toArray()));
        return statement;
    }

    private record Sealed(Map<String, ChainCheck.SealedHead> heads, ChainVerification.@Nullable Checkpoint checkpoint,
            byte[] recordedRoot, byte[] recomputedRoot) {

        record Record(long id, Instant createdAt, byte[] root, byte[] communityRoot) {
        }
    }

    private record Account(long chainLength, byte @Nullable [] headHash, long balance) {
        static final Account NONE = new Account(0, null, 0);
    }
}
