package org.communitycarbon.credits.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.communitycarbon.credits.CreditsServiceTest;
import org.communitycarbon.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the credits service's own PostgreSQL role may do, asked of PostgreSQL through the service's own connections:
 * add to the ledger, never change it, and nothing outside its schema.
 */
@CreditsServiceTest
class LedgerPrivilegesIT {

    /** PostgreSQL's SQLSTATE for "permission denied" (and "must be owner"). */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theServiceRunsAsItsOwnRoleNotTheSchemasOwnerNorASuperuser() {
        assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo("credits_app");
        assertThat(jdbc.queryForObject("SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = current_user",
                Boolean.class)).isFalse();
        assertThat(jdbc.queryForObject("SELECT tableowner FROM pg_tables WHERE schemaname = 'credits' AND tablename = 'ledger_entry'",
                String.class)).isEqualTo("credits_owner");
    }

    @Test
    void theServiceRoleAddsLedgerEntriesButCannotChangeOneNorDropTheTriggerThatGuardsThem() {
        String household = "hh-" + UUID.randomUUID();
        jdbc.update("INSERT INTO credit_account (community_id, household_id, balance, earned_total) VALUES ('maple-court', ?, 5, 5)",
                household);
        UUID entry = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO ledger_entry (id, community_id, household_id, amount, balance_after, kind, reason, source_event_id, occurred_at,
                                          account_seq, prev_hash, entry_hash)
                VALUES (?, 'maple-court', ?, 5, 5, 'EARNED', 'test', ?, ?, 1, ?, ?)""", entry, household, UUID.randomUUID(),
                java.sql.Timestamp.from(Instant.now()), new byte[32], new byte[32]);
        assertThat(jdbc.queryForObject("SELECT amount FROM ledger_entry WHERE id = ?", Long.class, entry)).isEqualTo(5L);

        assertPermissionDenied(() -> jdbc.update("UPDATE ledger_entry SET amount = 999999 WHERE id = ?", entry));
        assertPermissionDenied(() -> jdbc.update("DELETE FROM ledger_entry WHERE id = ?", entry));
        assertPermissionDenied(() -> jdbc.execute("TRUNCATE ledger_entry CASCADE"));
        assertPermissionDenied(() -> jdbc.execute("DROP TRIGGER ledger_entry_append_only ON ledger_entry"));
        assertPermissionDenied(() -> jdbc.execute("ALTER TABLE ledger_entry DISABLE TRIGGER ledger_entry_append_only"));
        assertPermissionDenied(() -> jdbc.execute("DROP TABLE ledger_entry CASCADE"));
        assertPermissionDenied(() -> jdbc.execute("CREATE OR REPLACE FUNCTION ledger_entry_is_append_only() RETURNS trigger "
                + "LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$"));
        assertPermissionDenied(() -> jdbc.execute("CREATE TABLE ledger_copy (id uuid)"));
        assertThat(jdbc.queryForObject("SELECT amount FROM ledger_entry WHERE id = ?", Long.class, entry)).isEqualTo(5L);
    }

    @Test
    void theServiceRoleCannotReadNorWriteAnotherServicesSchema() {
        new JdbcTemplate(TestDatabase.owner("accounting")).execute(
                "CREATE TABLE IF NOT EXISTS accounting.household_reading (household_id text, kwh numeric)");
        new JdbcTemplate(TestDatabase.app("accounting")).queryForObject("SELECT count(*) FROM accounting.household_reading",
                Long.class);

        assertPermissionDenied(() -> jdbc.queryForObject("SELECT count(*) FROM accounting.household_reading", Long.class));
        assertPermissionDenied(() -> jdbc.update("INSERT INTO accounting.household_reading VALUES ('b09-0101', 1)"));
        assertPermissionDenied(() -> jdbc.execute("CREATE TABLE public.planted (id int)"));
    }

    private static void assertPermissionDenied(ThrowingCallable call) {
        assertThat(catchThrowable(call)).as("refused by PostgreSQL").rootCause()
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(INSUFFICIENT_PRIVILEGE));
    }
}
