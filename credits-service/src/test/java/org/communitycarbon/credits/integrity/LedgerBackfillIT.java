package org.communitycarbon.credits.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.credits.CreditsServiceTest;
import org.communitycarbon.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The migration that introduced the hash chain backfills a ledger written before it: run here on a scratch schema
 * with entries written the old way, its chains pass the same verification as the service's own.
 */
@CreditsServiceTest
class LedgerBackfillIT {

    @Test
    void chainsEntriesWrittenBeforeTheMigrationInTheOrderTheyWereWritten() throws Exception {
        String schema = "credits_backfill_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = TestDatabase.admin().getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE SCHEMA " + schema);
            try {
                sql.execute("SET search_path TO " + schema);
                sql.execute(migration("V1__ledger.sql"));
                sql.execute(migration("V2__ledger_is_read_and_append_only_for_the_service.sql"));
                sql.execute("""
                        INSERT INTO credit_account (community_id, household_id, balance, earned_total) VALUES
                            ('maple-court', 'b01-0101', 350, 350), ('maple-court', 'b01-0102', 40, 40);
                        INSERT INTO ledger_entry (id, community_id, household_id, amount, balance_after, kind, reason, source_event_id,
                                                  occurred_at, recorded_at) VALUES
                            (gen_random_uuid(), 'maple-court', 'b01-0101', 50, 350, 'REDUCTION_AWARD', 'c', gen_random_uuid(),
                             '2026-11-22 08:00:00.5+08', '2026-11-22 01:00:00.123456+00'),
                            (gen_random_uuid(), 'maple-court', 'b01-0101', 250, 250, 'REDUCTION_AWARD', 'a', gen_random_uuid(),
                             '2026-11-21 08:00:00+00', '2026-11-21 08:00:01+00'),
                            (gen_random_uuid(), 'maple-court', 'b01-0101', 50, 300, 'REDUCTION_AWARD', 'b', gen_random_uuid(),
                             '2026-11-22 08:00:00+00', '2026-11-22 01:00:00.123456+00'),
                            (gen_random_uuid(), 'maple-court', 'b01-0102', 40, 40, 'REDUCTION_AWARD', 'd', gen_random_uuid(),
                             '2026-11-22 08:00:00+00', '2026-11-22 08:00:00+00')""");

                sql.execute(migration("V3__ledger_hash_chain_and_checkpoints.sql"));

                for (String household : List.of("b01-0101", "b01-0102")) {
                    List<StoredEntry> entries = new ArrayList<>();
                    try (ResultSet rs = sql.executeQuery("SELECT " + StoredEntry.COLUMNS + " FROM ledger_entry WHERE household_id = '"
                            + household + "' ORDER BY account_seq")) {
                        while (rs.next()) {
                            entries.add(StoredEntry.read(rs));
                        }
                    }
                    ChainCheck check = ChainCheck.fromGenesis(household, null);
                    entries.forEach(check::next);
                    try (ResultSet rs = sql.executeQuery("SELECT chain_length, head_hash, balance FROM credit_account WHERE household_id = '"
                            + household + "'")) {
                        rs.next();
                        assertThat(check.finish(rs.getLong(1), rs.getBytes(2), rs.getLong(3))).as(household).isNull();
                    }
                    if (household.equals("b01-0101")) {
                        assertThat(entries).extracting(StoredEntry::reason).containsExactly("a", "b", "c");
                    }
                }
            }
            finally {
                sql.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static String migration(String name) throws IOException {
        try (InputStream in = LedgerBackfillIT.class.getResourceAsStream("/db/migration/credits/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
