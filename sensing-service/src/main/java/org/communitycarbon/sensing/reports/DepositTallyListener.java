package org.communitycarbon.sensing.reports;

import java.sql.Timestamp;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.model.sensing.WasteDeposited;
import org.communitycarbon.support.inbox.ProcessedEvents;
import org.communitycarbon.support.messaging.InboundEvents;
import org.communitycarbon.support.messaging.PlatformKafkaProperties;
import org.communitycarbon.support.messaging.Topics;
import org.communitycarbon.support.persistence.SqlArrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts the waste deposits sensing published ({@code sensing.waste-deposits}) into {@code deposit_tally}: per
 * community, local month of the deposit, household and kind — deposits, correctly sorted ones, kilograms. Sensing sends
 * deposits from MQTT to Kafka without keeping them, so it reads its own topic back: each deposit's event id is claimed
 * in the inbox in the transaction that counts it, so a deposit delivered twice (by the bin, the broker or Kafka) counts
 * once. Rows are upserted in key order, so concurrent consumers never deadlock.
 */
@Configuration(proxyBeanMethods = false)
class DepositTallyListener {

    static final String CONSUMER = "sensing.deposit-tally";

    private static final String TALLY = """
            INSERT INTO deposit_tally AS t (community_id, month, household_id, waste_kind, deposits, correct, kg)
            SELECT d.community_id, date_trunc('month', d.at AT TIME ZONE c.time_zone)::date, d.household_id, d.kind,
                   count(*), count(*) FILTER (WHERE d.correct), sum(d.kg)
            FROM unnest(?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::boolean[], ?::numeric[])
                AS d(community_id, at, household_id, kind, correct, kg)
            JOIN community c ON c.id = d.community_id
            GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
            ON CONFLICT (community_id, month, household_id, waste_kind) DO UPDATE SET
                deposits = t.deposits + excluded.deposits, correct = t.correct + excluded.correct, kg = t.kg + excluded.kg""";

    private final InboundEvents inbound;
    private final ProcessedEvents processed;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    DepositTallyListener(InboundEvents inbound, ProcessedEvents processed, JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.inbound = inbound;
        this.processed = processed;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Bean
    static KafkaAdmin.NewTopics depositTallyTopics(PlatformKafkaProperties settings) {
        return Topics.declare(settings, List.of(), List.of(SensingTopics.WASTE_DEPOSITS));
    }

    @KafkaListener(topics = SensingTopics.WASTE_DEPOSITS)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, WasteDeposited.class, DepositTallyListener::check, this::tally);
    }

    void tally(List<WasteDeposited> deposits) {
        transactions.executeWithoutResult(status -> {
            Set<UUID> fresh = processed.claim(CONSUMER, deposits.stream().map(WasteDeposited::eventId).toList());
            List<WasteDeposited> counted = deposits.stream().filter(d -> fresh.remove(d.eventId())).toList();
            if (counted.isEmpty()) {
                return;
            }
            jdbc.update(connection -> SqlArrays.statement(connection, TALLY,
                    SqlArrays.of("text", counted, WasteDeposited::communityId),
                    SqlArrays.of("timestamptz", counted, d -> Timestamp.from(d.occurredAt())),
                    SqlArrays.of("text", counted, WasteDeposited::householdId),
                    SqlArrays.of("text", counted, d -> d.wasteKind().name()),
                    SqlArrays.of("boolean", counted, WasteDeposited::correctlySorted),
                    SqlArrays.of("numeric", counted, d -> d.weight().value())));
        });
    }

    /** What counting a deposit uses; the weight must fit the column. */
    static void check(WasteDeposited deposit) {
        Require.readable(deposit.eventId(), deposit.communityId(), deposit.occurredAt());
        Require.identifier(deposit.householdId(), "householdId");
        Require.present(deposit.wasteKind(), "wasteKind");
        Require.unit(deposit.weight(), "weight", Unit.KG);
        WasteDeposited.checkWeight(deposit.weight().value(), "weight.value");
    }
}
