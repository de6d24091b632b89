package org.communitycarbon.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.support.fixture.SupportFixtureApplication;
import org.communitycarbon.support.fixture.SupportFixtureApplication.NotesListener;
import org.communitycarbon.support.fixture.SupportFixtureApplication.NotesService;
import org.communitycarbon.support.inbox.ProcessedEvents;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.support.messaging.Topics;
import org.communitycarbon.support.outbox.Outbox;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.transaction.support.TransactionTemplate;

@SupportFixtureTest
class OutboxAndInboxIT {

    @Autowired
    NotesService notes;

    @Autowired
    NotesListener listener;

    @Autowired
    ProcessedEvents processed;

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    private final String bootstrap = EmbeddedInfrastructure.shared().kafka().bootstrapServers();

    @Test
    void relaysACommittedEventToKafkaAndEmptiesTheOutbox() {
        String community = "c-" + UUID.randomUUID();
        UUID id = notes.write(community, "committed", false);

        await().atMost(Duration.ofSeconds(20)).until(() -> listener.received().stream().anyMatch(n -> n.eventId().equals(id)));
        await().atMost(Duration.ofSeconds(5)).until(() -> outboxRowsFor(community) == 0);
    }

    @Test
    void setsAsideARowKafkaRefusesAndSendsTheRowsBehindIt() {
        String community = "c-" + UUID.randomUUID().toString().substring(0, 8);
        notes.write(community, "x".repeat(2 * 1024 * 1024), false);
        UUID behind = notes.write(community, "behind the big one", false);

        await().atMost(Duration.ofSeconds(20)).until(() -> listener.received().stream().anyMatch(n -> n.eventId().equals(behind)));
        await().atMost(Duration.ofSeconds(20)).until(() -> outboxRowsFor(community) == 0);
        String reason = jdbc.queryForObject("SELECT reason FROM outbox_dead WHERE message_key = ?", String.class, community);
        assertThat(reason).contains("RecordTooLargeException");
    }

    @Test
    void sendsNothingForARolledBackTransaction() {
        String community = "c-" + UUID.randomUUID();
        assertThatThrownBy(() -> notes.write(community, "rolled back", true)).isInstanceOf(IllegalStateException.class);
        UUID committed = notes.write(community, "after", false);

        await().atMost(Duration.ofSeconds(20)).until(() -> listener.received().stream().anyMatch(n -> n.eventId().equals(committed)));
        assertThat(listener.received()).filteredOn(n -> n.communityId().equals(community))
                .extracting(SupportFixtureApplication.NoteWritten::text).containsExactly("after");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM note WHERE community = ?", Integer.class, community)).isEqualTo(1);
    }

    @Test
    void refusesOutboxAndInboxWritesOutsideATransaction() {
        var event = new SupportFixtureApplication.NoteWritten(UUID.randomUUID(), 1, "c1", java.time.Instant.now(), "x");
        assertThatThrownBy(() -> outbox.publish(SupportFixtureApplication.NOTES_TOPIC, "c1", event))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("transaction");
        assertThatThrownBy(() -> processed.claim("x", List.of(UUID.randomUUID())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("transaction");
    }

    @Test
    void claimsAnEventOncePerConsumer() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        Set<UUID> initially = transactions.execute(s -> processed.claim("consumer-a", List.of(first, second)));
        Set<UUID> again = transactions.execute(s -> processed.claim("consumer-a", List.of(first, second)));
        Set<UUID> otherConsumer = transactions.execute(s -> processed.claim("consumer-b", List.of(first)));

        assertThat(initially).containsExactlyInAnyOrder(first, second);
        assertThat(again).isEmpty();
        assertThat(otherConsumer).containsExactly(first);
    }

    @Test
    void aClaimRolledBackWithItsTransactionCanBeClaimedAgain() {
        UUID event = UUID.randomUUID();
        assertThatThrownBy(() -> transactions.executeWithoutResult(s -> {
            processed.claim("consumer-c", List.of(event));
            throw new IllegalStateException("effect failed");
        })).isInstanceOf(IllegalStateException.class);

        Set<UUID> retried = transactions.execute(s -> processed.claim("consumer-c", List.of(event)));
        assertThat(retried).containsExactly(event);
    }

    @Test
    void deadLettersAnUnreadableRecordWithItsReasonAndBytesAndKeepsConsuming() throws Exception {
        byte[] garbage = "this is not json".getBytes(StandardCharsets.UTF_8);
        kafka.send(SupportFixtureApplication.NOTES_TOPIC, "bad", garbage).get();
        UUID after = notes.write("c-after-garbage", "still flowing", false);

        try (var dlt = new KafkaTestConsumer(bootstrap, Topics.deadLetterTopicOf(SupportFixtureApplication.NOTES_TOPIC))) {
            ConsumerRecord<String, byte[]> dead = dlt.await(r -> "bad".equals(r.key()), Duration.ofSeconds(20));
            assertThat(dead.value()).isEqualTo(garbage);
            assertThat(KafkaTestConsumer.header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).startsWith("not valid JSON");
            assertThat(KafkaTestConsumer.header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(SupportFixtureApplication.NOTES_TOPIC);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> listener.received().stream().anyMatch(n -> n.eventId().equals(after)));
    }

    @Test
    void deadLettersAContractViolationNamingTheField() throws Exception {
        byte[] noCommunity = "{\"eventId\":\"8d2c1f4e-3b5a-4c6d-9e7f-0a1b2c3d4e5f\",\"schemaVersion\":1,\"occurredAt\":\"2026-11-22T08:00:00Z\",\"text\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8);
        kafka.send(SupportFixtureApplication.NOTES_TOPIC, "no-community", noCommunity).get();

        try (var dlt = new KafkaTestConsumer(bootstrap, Topics.deadLetterTopicOf(SupportFixtureApplication.NOTES_TOPIC))) {
            ConsumerRecord<String, byte[]> dead = dlt.await(r -> "no-community".equals(r.key()), Duration.ofSeconds(20));
            assertThat(dead.value()).isEqualTo(noCommunity);
            assertThat(KafkaTestConsumer.header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("communityId: is required");
        }
    }

    @Test
    void deadLettersOnlyTheRecordThatCannotBeProcessedAndAppliesItsBatchNeighbours() throws Exception {
        String community = "c-" + UUID.randomUUID().toString().substring(0, 8);
        var before = note(community, "before");
        var poison = note(community, "poison pill");
        var after = note(community, "after");
        for (var note : List.of(before, poison, after)) {
            kafka.send(SupportFixtureApplication.NOTES_TOPIC, community, codec.encode(note));
        }
        kafka.flush();

        try (var dlt = new KafkaTestConsumer(bootstrap, Topics.deadLetterTopicOf(SupportFixtureApplication.NOTES_TOPIC))) {
            ConsumerRecord<String, byte[]> dead = dlt.await(r -> community.equals(r.key()), Duration.ofSeconds(30));
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).contains("poison pill");
            assertThat(KafkaTestConsumer.header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("a poison note cannot be applied");
            assertThat(dlt.drain(Duration.ofSeconds(2))).filteredOn(r -> community.equals(r.key())).hasSize(1);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> listener.received().stream()
                .filter(n -> n.communityId().equals(community)).count() == 2);
        assertThat(listener.received()).filteredOn(n -> n.communityId().equals(community))
                .extracting(SupportFixtureApplication.NoteWritten::text).containsExactly("before", "after");
    }

    @Test
    void retriesAnOutageUntilItPassesAndDeadLettersNothing() throws Exception {
        String community = "c-" + UUID.randomUUID().toString().substring(0, 8);
        listener.failNextFlaky(4);
        kafka.send(SupportFixtureApplication.NOTES_TOPIC, community, codec.encode(note(community, "flaky but fine"))).get();

        await().atMost(Duration.ofSeconds(30)).until(() -> listener.received().stream().anyMatch(n -> n.communityId().equals(community)));
        try (var dlt = new KafkaTestConsumer(bootstrap, Topics.deadLetterTopicOf(SupportFixtureApplication.NOTES_TOPIC))) {
            assertThat(dlt.drain(Duration.ofSeconds(2))).noneMatch(r -> community.equals(r.key()));
        }
    }

    private static SupportFixtureApplication.NoteWritten note(String community, String text) {
        return new SupportFixtureApplication.NoteWritten(UUID.randomUUID(), 1, community, java.time.Instant.now(), text);
    }

    private int outboxRowsFor(String community) {
        Integer rows = jdbc.queryForObject("SELECT count(*) FROM outbox_message WHERE message_key = ?", Integer.class, community);
        return rows == null ? 0 : rows;
    }
}
