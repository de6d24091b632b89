package org.communitycarbon.credits.integrity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.communitycarbon.credits.ledger.EntryHash;
import org.communitycarbon.model.credits.CreditsTopics;
import org.communitycarbon.model.credits.LedgerCheckpointed;
import org.communitycarbon.support.outbox.Outbox;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Seals every account's chain head under a root, every {@link CheckpointSettings#interval()}, on one instance at a
 * time (an advisory lock), in one snapshot (repeatable read):
 * <ol>
 * <li>accounts whose head moved since their last sealed head are checked incrementally: the chain must still pass
 * through the sealed head and every entry after it must hash and link correctly. An account that fails keeps its
 * old sealed head (logged, counted as {@code credits.ledger.checkpoint.refused}) — a rewrite is never sealed;</li>
 * <li>the new heads go to {@code ledger_checkpoint_head}, each changed community's root to
 * {@code ledger_checkpoint_community}, the root over all communities to {@code ledger_checkpoint} — all
 * append-only;</li>
 * <li>a {@link LedgerCheckpointed} event per changed community goes out through the outbox, in the same transaction.</li>
 * </ol>
 */
@Service
public class LedgerCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(LedgerCheckpoints.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final Clock clock;
    private final Counter refused;

    LedgerCheckpoints(JdbcTemplate jdbc, PlatformTransactionManager transactions, Outbox outbox,
            Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.outbox = outbox;
        this.clock = clock;
        this.refused = Counter.builder("credits.ledger.checkpoint.refused")
                .description("Accounts a checkpoint refused to seal: their chain no longer passes through their sealed head")
                .register(meters);
    }

    /** Takes a checkpoint now; its number, or empty when another instance is at it or nothing changed. */
    public OptionalLong checkpoint() {
        Long number = transactions.execute(status -> {
            Boolean mine = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(hashtext('credits.ledger-checkpoint'))", Boolean.class);
            return Boolean.TRUE.equals(mine) ? seal() : null;
        });
        return number == null ? OptionalLong.empty() : OptionalLong.of(number);
    }

    private @Nullable Long seal() {
        Map<Key, Current> current = new HashMap<>();
        jdbc.query("""
                SELECT community_id, household_id, chain_length, head_hash, balance FROM credit_account
                WHERE chain_length > 0 AND head_hash IS NOT NULL""", rs -> {
                    current.put(new Key(rs.getString(1), rs.getString(2)), new Current(rs.getLong(3), rs.getBytes(4), rs.getLong(5)));
                });
        Map<Key, ChainCheck.SealedHead> sealed = new HashMap<>();
        jdbc.query("""
                SELECT DISTINCT ON (community_id, household_id) community_id, household_id, chain_length, head_hash
                FROM ledger_checkpoint_head ORDER BY community_id, household_id, checkpoint_id DESC""", rs -> {
                    sealed.put(new Key(rs.getString(1), rs.getString(2)), new ChainCheck.SealedHead(rs.getLong(3), rs.getBytes(4)));
                });
        Map<Key, Current> moved = new TreeMap<>();
        current.forEach((key, now) -> {
            ChainCheck.SealedHead before = sealed.get(key);
            if (before == null || before.chainLength() != now.chainLength() || !Arrays.equals(before.headHash(), now.headHash())) {
                moved.put(key, now);
            }
        });
        Map<Key, ChainCheck.SealedHead> accepted = extensions(moved, sealed);
        if (accepted.isEmpty()) {
            return null;
        }
        Map<Key, ChainCheck.SealedHead> heads = new TreeMap<>(sealed);
        heads.putAll(accepted);

        Map<String, List<CheckpointRoots.Head>> byCommunity = new TreeMap<>();
        heads.forEach((key, head) -> byCommunity.computeIfAbsent(key.communityId(), c -> new ArrayList<>())
                .add(new CheckpointRoots.Head(key.householdId(), head.chainLength(), head.headHash())));
        Map<String, byte[]> previousRoots = new HashMap<>();
        jdbc.query("SELECT DISTINCT ON (community_id) community_id, root FROM ledger_checkpoint_community "
                + "ORDER BY community_id, checkpoint_id DESC", rs -> {
                    previousRoots.put(rs.getString(1), rs.getBytes(2));
                });
        List<CheckpointRoots.Community> roots = new ArrayList<>();
        List<Object[]> changedCommunities = new ArrayList<>();
        long accounts = 0;
        long entries = 0;
        for (var community : byCommunity.entrySet()) {
            byte[] root = CheckpointRoots.community(community.getValue());
            long communityEntries = community.getValue().stream().mapToLong(CheckpointRoots.Head::chainLength).sum();
            roots.add(new CheckpointRoots.Community(community.getKey(), root));
            accounts += community.getValue().size();
            entries += communityEntries;
            if (!Arrays.equals(root, previousRoots.get(community.getKey()))) {
                changedCommunities.add(new Object[] {community.getKey(), root, (long) community.getValue().size(), communityEntries});
            }
        }
        byte[] root = CheckpointRoots.root(roots);
        long number = Objects.requireNonNull(jdbc.queryForObject("SELECT coalesce(max(id), 0) + 1 FROM ledger_checkpoint", Long.class));
        Instant at = EntryHash.micros(clock.instant());
        jdbc.update("INSERT INTO ledger_checkpoint (id, created_at, root, communities, accounts, entries) VALUES (?, ?, ?, ?, ?, ?)",
                number, Timestamp.from(at), root, roots.size(), accounts, entries);
        jdbc.batchUpdate("INSERT INTO ledger_checkpoint_community (checkpoint_id, community_id, root, accounts, entries) VALUES (?, ?, ?, ?, ?)",
                changedCommunities.stream().map(c -> new Object[] {number, c[0], c[1], c[2], c[3]}).toList());
        jdbc.batchUpdate("INSERT INTO ledger_checkpoint_head (checkpoint_id, community_id, household_id, chain_length, head_hash) "
                + "VALUES (?, ?, ?, ?, ?)", accepted.entrySet().stream().map(e -> new Object[] {number, e.getKey().communityId(),
                        e.getKey().householdId(), e.getValue().chainLength(), e.getValue().headHash()}).toList());
        outbox.publishAll(changedCommunities.stream().map(c -> new Outbox.Message(CreditsTopics.LEDGER_CHECKPOINTS, (String) c[0],
                new LedgerCheckpointed(LedgerCheckpointed.eventIdFor(number, (String) c[0]), LedgerCheckpointed.SCHEMA_VERSION,
                        (String) c[0], at, number, EntryHash.hex((byte[]) c[1]), (long) c[2], (long) c[3], EntryHash.hex(root),
                        roots.size()))).toList());
        log.info("Ledger checkpoint {}: {} accounts of {} communities sealed, {} changed, root {}", number, accounts, roots.size(),
                accepted.size(), EntryHash.hex(root));
        return number;
    }

    /**
     * The moved accounts whose chain still passes through their sealed head and is sound from there to its new head;
     * the others are refused.
     */
    private Map<Key, ChainCheck.SealedHead> extensions(Map<Key, Current> moved, Map<Key, ChainCheck.SealedHead> sealed) {
        if (moved.isEmpty()) {
            return Map.of();
        }
        Map<Key, ChainCheck> checks = new HashMap<>();
        List<String> communities = new ArrayList<>();
        List<String> households = new ArrayList<>();
        List<Long> from = new ArrayList<>();
        moved.forEach((key, now) -> {
            ChainCheck.SealedHead before = sealed.get(key);
            checks.put(key, before == null ? ChainCheck.fromGenesis(key.householdId(), null)
                    : ChainCheck.from(key.householdId(), before.chainLength(), before));
            communities.add(key.communityId());
            households.add(key.householdId());
            from.add(before == null ? 1L : before.chainLength());
        });
        jdbc.query((Connection connection) -> {
            PreparedStatement statement = connection.prepareStatement("SELECT " + prefixed() + """
                     FROM ledger_entry e
                    JOIN unnest(?::text[], ?::text[], ?::bigint[]) AS t(c, h, s)
                      ON e.community_id = t.c AND e.household_id = t.h AND e.account_seq >= t.s
                    ORDER BY e.community_id, e.household_id, e.account_seq""");
            statement.setArray(1, connection.createArrayOf("text", communities.toArray()));
            statement.setArray(2, connection.createArrayOf("text", households.toArray()));
            statement.setArray(3, connection.createArrayOf("bigint", from.toArray()));
            statement.setFetchSize(1000);
            return statement;
        }, rs -> {
            checks.get(new Key(rs.getString("community_id"), rs.getString("household_id"))).next(StoredEntry.read(rs));
        });
        Map<Key, ChainCheck.SealedHead> accepted = new TreeMap<>();
        moved.forEach((key, now) -> {
            Mismatch mismatch = checks.get(key).finish(now.chainLength(), now.headHash(), now.balance());
            if (mismatch == null) {
                accepted.put(key, new ChainCheck.SealedHead(now.chainLength(), now.headHash()));
            }
            else {
                refused.increment();
                log.error("Ledger checkpoint: account {}/{} not sealed, its chain does not extend its sealed head: {}",
                        key.communityId(), key.householdId(), mismatch);
            }
        });
        return accepted;
    }

    private static String prefixed() {
        return "e." + StoredEntry.COLUMNS.replace(", ", ", e.");
    }

    /** The periodic checkpoint: a failure is logged and the next interval tries again. */
    @Scheduled(fixedDelayString = "${credits.checkpoint.interval:PT1H}", initialDelayString = "${credits.checkpoint.interval:PT1H}")
    void checkpointPeriodically() {
        try {
            checkpoint();
        }
        catch (RuntimeException e) {
            log.warn("Ledger checkpoint failed ({}); trying again at the next interval", e.getMessage());
        }
    }

    private record Key(String communityId, String householdId) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int community = communityId.compareTo(other.communityId);
            return community != 0 ? community : householdId.compareTo(other.householdId);
        }
    }

    private record Current(long chainLength, byte[] headHash, long balance) {
    }
}
