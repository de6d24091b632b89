package org.communitycarbon.credits.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.credits.CreditsServiceTest;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.accounting.AccountingTopics;
import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.model.credits.CreditsAwarded;
import org.communitycarbon.model.credits.CreditsTopics;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.support.messaging.Topics;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

@CreditsServiceTest
class LedgerIT {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Ledger ledger;

    private final String bootstrap = EmbeddedInfrastructure.shared().kafka().bootstrapServers();

    @Test
    void creditsEachReductionOnceHoweverOftenItIsDelivered() throws Exception {
        String household = "hh-" + UUID.randomUUID();
        CarbonReductionRecorded reduction = Reductions.sortedWaste("maple-court", household, "1.25");

        for (int delivery = 0; delivery < 3; delivery++) {
            publish(reduction);
        }
        CarbonReductionRecorded next = Reductions.sortedWaste("maple-court", household, "0.5");
        publish(next);

        await().atMost(Duration.ofSeconds(20)).until(() -> entries(household) == 2);
        assertThat(balance(household)).isEqualTo(250 + 100);
        try (var awarded = new KafkaTestConsumer(bootstrap, CreditsTopics.CREDITS_AWARDED)) {
            awarded.await(r -> household.equals(r.key()) && KafkaTestConsumer.value(r).contains(next.eventId().toString()),
                    Duration.ofSeconds(20));
            List<CreditsAwarded> forHousehold = awarded.drain(Duration.ofMillis(500)).stream()
                    .filter(r -> household.equals(r.key()))
                    .map(r -> codec.decode(r.value(), CreditsAwarded.class)).toList();
            assertThat(forHousehold).extracting(a -> a.credits().value().longValue()).containsExactly(250L, 100L);
            assertThat(forHousehold).extracting(a -> a.balance().value().longValue()).containsExactly(250L, 350L);
            assertThat(forHousehold.get(0).sourceEventId()).isEqualTo(reduction.eventId());
        }
    }

    @Test
    void creditsADuplicateWithinOneBatchOnce() {
        String household = "hh-" + UUID.randomUUID();
        CarbonReductionRecorded reduction = Reductions.sortedWaste("maple-court", household, "2");

        int written = ledger.award(List.of(reduction, reduction));
        int replayed = ledger.award(List.of(reduction));

        assertThat(written).isEqualTo(1);
        assertThat(replayed).isZero();
        assertThat(balance(household)).isEqualTo(400);
    }

    @Test
    void keepsARunningBalanceOnEachEntry() {
        String household = "hh-" + UUID.randomUUID();
        ledger.award(List.of(Reductions.sortedWaste("maple-court", household, "1"),
                Reductions.sortedWaste("maple-court", household, "0.5"),
                Reductions.sortedWaste("maple-court", household, "0.25")));

        List<Long> balances = jdbc.queryForList(
                "SELECT balance_after FROM ledger_entry WHERE household_id = ? ORDER BY balance_after", Long.class, household);
        assertThat(balances).containsExactly(200L, 300L, 350L);
    }

    /** The service's own role may not even try (LedgerPrivilegesIT); the trigger refuses the table's owner too. */
    @Test
    void theLedgerRefusesToBeRewrittenEvenByItsOwner() {
        String household = "hh-" + UUID.randomUUID();
        ledger.award(List.of(Reductions.sortedWaste("maple-court", household, "1")));
        JdbcTemplate owner = new JdbcTemplate(TestDatabase.owner("credits"));

        assertThatThrownBy(() -> owner.update("UPDATE credits.ledger_entry SET amount = 999999 WHERE household_id = ?", household))
                .hasMessageContaining("ledger entries are append-only");
        assertThatThrownBy(() -> owner.update("DELETE FROM credits.ledger_entry WHERE household_id = ?", household))
                .hasMessageContaining("ledger entries are append-only");
    }

    @Test
    void deadLettersAReductionItCannotReadAndGoesOn() throws Exception {
        String household = "hh-" + UUID.randomUUID();
        byte[] broken = "{\"eventId\":\"not-a-uuid\"}".getBytes(StandardCharsets.UTF_8);
        kafka.send(AccountingTopics.CARBON_REDUCTIONS, "broken-" + household, broken).get();
        publish(Reductions.sortedWaste("maple-court", household, "1"));

        try (var dlt = new KafkaTestConsumer(bootstrap, Topics.deadLetterTopicOf(AccountingTopics.CARBON_REDUCTIONS))) {
            var dead = dlt.await(r -> ("broken-" + household).equals(r.key()), Duration.ofSeconds(20));
            assertThat(dead.value()).isEqualTo(broken);
            assertThat(KafkaTestConsumer.header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).startsWith("eventId:");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> balance(household) == 200);
    }

    private void publish(CarbonReductionRecorded reduction) throws Exception {
        kafka.send(AccountingTopics.CARBON_REDUCTIONS, reduction.householdId(), codec.encode(reduction)).get();
    }

    private long balance(String household) {
        List<Long> balance = jdbc.queryForList("SELECT balance FROM credit_account WHERE household_id = ?", Long.class, household);
        return balance.isEmpty() ? 0 : balance.get(0);
    }

    private int entries(String household) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM ledger_entry WHERE household_id = ?", Integer.class, household);
        return count == null ? 0 : count;
    }
}
