package org.communitycarbon.accounting.methodology;

import java.sql.Timestamp;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.registry.CommunityChanged;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.support.messaging.InboundEvents;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the registry's communities (grid region, time zone, type) from {@code sensing.communities}: the newest
 * revision of each wins, so a redelivered older state never overwrites a newer one.
 */
@Component
class CommunityListener {

    private final InboundEvents inbound;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final FactorCatalog catalog;

    CommunityListener(InboundEvents inbound, JdbcClient jdbc, TransactionTemplate transactions, FactorCatalog catalog) {
        this.inbound = inbound;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.catalog = catalog;
    }

    @KafkaListener(topics = RegistryTopics.COMMUNITIES)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, CommunityChanged.class, CommunityListener::check, this::record);
        catalog.refresh();
    }

    private void record(List<CommunityChanged> communities) {
        transactions.executeWithoutResult(status -> {
            for (CommunityChanged c : communities) {
                jdbc.sql("""
                        INSERT INTO community (id, region, time_zone, community_type, revision, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET region = EXCLUDED.region, time_zone = EXCLUDED.time_zone,
                            community_type = EXCLUDED.community_type, revision = EXCLUDED.revision, updated_at = EXCLUDED.updated_at
                        WHERE community.revision < EXCLUDED.revision""")
                        .params(c.communityId(), c.region(), c.timeZone(), c.communityType().name(), c.revision(),
                                Timestamp.from(c.occurredAt()))
                        .update();
            }
        });
    }

    /** What pricing uses of a community; a region this service does not know prices at the national factor. */
    static void check(CommunityChanged community) {
        Require.readable(community.eventId(), community.communityId(), community.occurredAt());
        Require.text(community.region(), "region", 32);
        Require.text(community.timeZone(), "timeZone", 64);
        Require.present(community.communityType(), "communityType");
        if (community.revision() <= 0) {
            throw new org.communitycarbon.model.ContractViolation("revision", "must be above 0");
        }
    }
}
