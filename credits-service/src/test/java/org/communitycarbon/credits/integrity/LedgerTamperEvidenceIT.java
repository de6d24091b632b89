package org.communitycarbon.credits.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.communitycarbon.credits.CreditsServiceTest;
import org.communitycarbon.credits.ledger.EntryHash;
import org.communitycarbon.credits.ledger.Ledger;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.communitycarbon.model.credits.CreditsTopics;
import org.communitycarbon.model.credits.LedgerCheckpointed;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.TestDatabase;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.json.AbstractJsonContentAssert;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The ledger's tamper evidence against the real PostgreSQL: rows changed behind the service's back, as the superuser,
 * are found by the verify endpoint, a rewrite that recomputes the chain is caught by the checkpoint, and concurrent
 * writers keep one chain.
 */
@CreditsServiceTest
class LedgerTamperEvidenceIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Ledger ledger;

    @Autowired
    LedgerCheckpoints checkpoints;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventCodec codec;

    private final String community = "c-" + UUID.randomUUID();
    private final String household = "hh-" + UUID.randomUUID();
    private final JdbcTemplate superuser = new JdbcTemplate(TestDatabase.admin());

    @Test
    void writesEntriesThatTheDocumentedSqlHashesToTheSameValue() {
        ledger.award(List.of(reduction("1.25"), reduction("0.5")));

        List<Boolean> matches = jdbc.queryForList("""
                SELECT sha256(convert_to(ledger_entry_canonical(e), 'UTF8')) = e.entry_hash
                       AND e.prev_hash = coalesce(lag(e.entry_hash) OVER (ORDER BY e.account_seq), decode(repeat('00', 32), 'hex'))
                FROM ledger_entry e WHERE community_id = ? AND household_id = ? ORDER BY account_seq""", Boolean.class, community, household);
        assertThat(matches).containsExactly(true, true);
        assertThat(jdbc.queryForObject("SELECT chain_length FROM credit_account WHERE community_id = ? AND household_id = ?", Long.class,
                community, household)).isEqualTo(2);
    }

    @Test
    void aDirectUpdateOfALedgerRowIsFoundByTheVerifyEndpointWhichNamesIt() throws Exception {
        ledger.award(List.of(reduction("1.25"), reduction("0.5"), reduction("0.25")));
        assertVerification(community, household).hasPathSatisfying("$.intact", v -> v.assertThat().isEqualTo(true))
                .hasPathSatisfying("$.entriesChecked", v -> v.assertThat().isEqualTo(3));
        UUID second = entryAt(2);

        asSuperuserWithoutTriggers("UPDATE credits.ledger_entry SET amount = 100000 WHERE id = '" + second + "'");

        assertVerification(community, household)
                .hasPathSatisfying("$.intact", v -> v.assertThat().isEqualTo(false))
                .hasPathSatisfying("$.firstMismatch.entryId", v -> v.assertThat().isEqualTo(second.toString()))
                .hasPathSatisfying("$.firstMismatch.accountSeq", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.firstMismatch.problem", v -> v.assertThat().isEqualTo("CONTENT"));
        assertThat(mvc.get().uri("/api/credits/communities/{c}/ledger/verification", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin())))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.firstMismatch.entryId", v -> v.assertThat().isEqualTo(second.toString()))
                .hasPathSatisfying("$.firstMismatch.householdId", v -> v.assertThat().isEqualTo(household));
    }

    @Test
    void aRewriteThatRecomputesTheChainIsCaughtByTheCheckpoint() throws Exception {
        ledger.award(List.of(reduction("1.25"), reduction("0.5"), reduction("0.25")));
        long number = checkpoints.checkpoint().orElseThrow();
        UUID sealedHead = entryAt(3);
        String root = jdbc.queryForObject("SELECT encode(root, 'hex') FROM ledger_checkpoint_community WHERE community_id = ?",
                String.class, community);
        try (var published = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(),
                CreditsTopics.LEDGER_CHECKPOINTS)) {
            LedgerCheckpointed event = codec.decode(published.await(r -> community.equals(r.key()), Duration.ofSeconds(20)).value(),
                    LedgerCheckpointed.class);
            assertThat(event.checkpoint()).isEqualTo(number);
            assertThat(event.communityRoot()).isEqualTo(root);
            assertThat(event.entries()).isEqualTo(3);
        }

        // The first entry is made worth 1,000 credits more, and every hash after it recomputed, as a superuser could.
        asSuperuserWithoutTriggers("""
                DO $$
                DECLARE e credits.ledger_entry; previous bytea := decode(repeat('00', 32), 'hex'); running bigint := 0;
                BEGIN
                    FOR e IN SELECT * FROM credits.ledger_entry WHERE community_id = '%1$s' AND household_id = '%2$s' ORDER BY account_seq LOOP
                        IF e.account_seq = 1 THEN e.amount := e.amount + 1000; END IF;
                        running := running + e.amount;
                        e.balance_after := running;
                        e.prev_hash := previous;
                        e.entry_hash := sha256(convert_to(credits.ledger_entry_canonical(e), 'UTF8'));
                        UPDATE credits.ledger_entry SET amount = e.amount, balance_after = e.balance_after, prev_hash = e.prev_hash,
                            entry_hash = e.entry_hash WHERE id = e.id;
                        previous := e.entry_hash;
                    END LOOP;
                    UPDATE credits.credit_account SET balance = running, earned_total = running, head_hash = previous
                    WHERE community_id = '%1$s' AND household_id = '%2$s';
                END;
                $$""".formatted(community, household));

        assertVerification(community, household)
                .hasPathSatisfying("$.intact", v -> v.assertThat().isEqualTo(false))
                .hasPathSatisfying("$.firstMismatch.problem", v -> v.assertThat().isEqualTo("CHECKPOINT"))
                .hasPathSatisfying("$.firstMismatch.entryId", v -> v.assertThat().isEqualTo(sealedHead.toString()))
                .hasPathSatisfying("$.checkpoint.number", v -> v.assertThat().isEqualTo((int) number))
                .hasPathSatisfying("$.checkpoint.communityRoot", v -> v.assertThat().isEqualTo(root));
        // Nor does a later checkpoint seal the rewrite.
        ledger.award(List.of(reduction("0.1")));
        checkpoints.checkpoint();
        assertVerification(community, household).hasPathSatisfying("$.firstMismatch.problem",
                v -> v.assertThat().isEqualTo("CHECKPOINT"));
    }

    @Test
    void concurrentWritersToOneAccountKeepOneSoundChain() throws Exception {
        int writers = 8;
        int batches = 10;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                done.add(pool.submit((Callable<Integer>) () -> {
                    int written = 0;
                    for (int b = 0; b < batches; b++) {
                        written += ledger.award(List.of(reduction("0.1"), reduction("0.2")));
                    }
                    return written;
                }));
            }
            for (Future<Integer> writer : done) {
                assertThat(writer.get()).isEqualTo(2 * batches);
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertVerification(community, household)
                .hasPathSatisfying("$.intact", v -> v.assertThat().isEqualTo(true))
                .hasPathSatisfying("$.entriesChecked", v -> v.assertThat().isEqualTo(writers * batches * 2));
        assertThat(jdbc.queryForObject("SELECT balance FROM credit_account WHERE community_id = ? AND household_id = ?", Long.class,
                community, household)).isEqualTo(writers * batches * 60L);
    }

    @Test
    void theCheckpointTablesAreAppendOnlyEvenForTheirOwner() {
        ledger.award(List.of(reduction("1")));
        checkpoints.checkpoint();
        JdbcTemplate owner = new JdbcTemplate(TestDatabase.owner("credits"));

        assertThatThrownBy(() -> owner.update("UPDATE credits.ledger_checkpoint_head SET chain_length = 9 WHERE community_id = ?", community))
                .hasMessageContaining("append-only");
        assertThat(catchThrowable(() -> jdbc.update("DELETE FROM ledger_checkpoint_community WHERE community_id = ?", community)))
                .as("refused to the service's own role by PostgreSQL").rootCause().hasMessageContaining("permission denied");
    }

    @Test
    void pagesThroughACommunitysAccounts() {
        String other = "hh-" + UUID.randomUUID();
        ledger.award(List.of(reduction("1"), reduction(other, "1")));
        String first = household.compareTo(other) < 0 ? household : other;

        assertThat(mvc.get().uri("/api/credits/communities/{c}/ledger/verification?accounts=1", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community))))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.accountsChecked", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.nextHousehold", v -> v.assertThat().isEqualTo(first));
        assertThat(mvc.get().uri("/api/credits/communities/{c}/ledger/verification?accounts=1&after={h}", community, first)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community))))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.accountsChecked", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.intact", v -> v.assertThat().isEqualTo(true))
                .hasPathSatisfying("$.nextHousehold", v -> v.assertThat().isNull());
    }

    @Test
    void namesAnInvalidPagingParameter() {
        assertThat(mvc.get().uri("/api/credits/communities/{c}/ledger/verification?accounts=100000", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community))))
                .hasStatus(org.springframework.http.HttpStatus.BAD_REQUEST)
                .bodyJson().hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("accounts"));
        assertThat(mvc.get().uri("/api/credits/communities/{c}/ledger/verification?after=a/b", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community))))
                .hasStatus(org.springframework.http.HttpStatus.BAD_REQUEST)
                .bodyJson().hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("after"));
    }

    private AbstractJsonContentAssert<?> assertVerification(String community, String household) {
        return assertThat(mvc.get().uri("/api/credits/communities/{c}/households/{h}/ledger/verification", community, household)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community))))
                .hasStatusOk().bodyJson();
    }

    private UUID entryAt(long seq) {
        return jdbc.queryForObject("SELECT id FROM ledger_entry WHERE community_id = ? AND household_id = ? AND account_seq = ?",
                UUID.class, community, household, seq);
    }

    /** As the PostgreSQL superuser, with triggers off for this transaction only (the append-only trigger among them). */
    private void asSuperuserWithoutTriggers(String sql) throws Exception {
        try (Connection connection = TestDatabase.admin().getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL session_replication_role = replica");
            statement.execute(sql);
            connection.commit();
        }
    }

    private CarbonReductionRecorded reduction(String kgWaste) {
        return reduction(household, kgWaste);
    }

    private CarbonReductionRecorded reduction(String household, String kgWaste) {
        var waste = Quantity.of(kgWaste, Unit.KG);
        var co2e = Quantity.of(waste.value().multiply(new BigDecimal("0.2")), Unit.KG_CO2E);
        return new CarbonReductionRecorded(UUID.randomUUID(), 1, community, Instant.parse("2026-11-22T07:30:00.123456789Z"), household,
                ReductionBehaviour.SORTED_PERISHABLE_WASTE, waste, co2e, "wuhan-pilot", UUID.randomUUID());
    }
}
