package org.communitycarbon.support.reports;

import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.registry.CommunityChanged;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.support.messaging.InboundEvents;
import org.communitycarbon.support.messaging.PlatformKafkaProperties;
import org.communitycarbon.support.messaging.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps each registry community's time zone from {@code sensing.communities} (compacted: read from the start, it holds
 * every community's latest state) in the service's table {@code community_zone (id, time_zone, revision, updated_at)};
 * the newest revision wins, so a redelivered older state changes nothing. For a service that keeps no registry of its own
 * and must cut its months in the registry's time zones: it creates the table in a migration and imports this class.
 */
@Configuration(proxyBeanMethods = false)
public class CommunityZoneListener {

    private final InboundEvents inbound;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public CommunityZoneListener(InboundEvents inbound, JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.inbound = inbound;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Bean
    static KafkaAdmin.NewTopics communityZoneTopics(PlatformKafkaProperties settings) {
        return Topics.declare(settings, List.of(), List.of(RegistryTopics.COMMUNITIES));
    }

    @KafkaListener(topics = RegistryTopics.COMMUNITIES)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, CommunityChanged.class, CommunityZoneListener::check, this::record);
    }

    private void record(List<CommunityChanged> communities) {
        transactions.executeWithoutResult(status -> {
            for (CommunityChanged c : communities) {
                jdbc.update("""
                        INSERT INTO community_zone (id, time_zone, revision, updated_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET time_zone = EXCLUDED.time_zone, revision = EXCLUDED.revision,
                            updated_at = EXCLUDED.updated_at
                        WHERE community_zone.revision < EXCLUDED.revision""",
                        c.communityId(), c.timeZone(), c.revision(), Timestamp.from(c.occurredAt()));
            }
        });
    }

    /** What this service uses of a community: its id, its time zone and its revision. */
    static void check(CommunityChanged community) {
        Require.readable(community.eventId(), community.communityId(), community.occurredAt());
        Require.text(community.timeZone(), "timeZone", 64);
        try {
            ZoneId.of(community.timeZone());
        }
        catch (DateTimeException e) {
            throw new ContractViolation("timeZone", "must be a time zone like Asia/Shanghai");
        }
        if (community.revision() <= 0) {
            throw new ContractViolation("revision", "must be above 0");
        }
    }
}
