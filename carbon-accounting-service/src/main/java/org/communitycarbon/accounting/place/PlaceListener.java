package org.communitycarbon.accounting.place;

import java.sql.Timestamp;
import java.util.List;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.registry.PlaceChanged;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.support.messaging.InboundEvents;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the registry's places from {@code sensing.places}: the newest revision of each wins, so a redelivered
 * older state never overwrites a newer one, and a state delivered twice changes nothing. A household whose members
 * changed is announced ({@link HouseholdMembersChanged}) in the same transaction, for its baselines to be recomputed;
 * so is each newer state of a common area or energy subsystem ({@link BuildingSupplyStated}), for the buildings' master
 * meters to follow the registry's {@code buildingSupply}.
 */
@Component
class PlaceListener {

    private final InboundEvents inbound;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    PlaceListener(InboundEvents inbound, JdbcClient jdbc, TransactionTemplate transactions, ApplicationEventPublisher events) {
        this.inbound = inbound;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
    }

    @KafkaListener(topics = RegistryTopics.PLACES)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, PlaceChanged.class, PlaceListener::check, this::record);
    }

    void record(List<PlaceChanged> places) {
        transactions.executeWithoutResult(status -> {
            for (PlaceChanged p : places) {
                // the members before (from the statement's snapshot), when the place was known: a change is published
                jdbc.sql("""
                        WITH before AS (SELECT members FROM place WHERE community_id = ? AND kind = ? AND place_id = ?)
                        INSERT INTO place (community_id, kind, place_id, name, building_id, members, revision, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (community_id, kind, place_id) DO UPDATE SET name = EXCLUDED.name,
                            building_id = EXCLUDED.building_id, members = EXCLUDED.members, revision = EXCLUDED.revision,
                            updated_at = EXCLUDED.updated_at
                        WHERE place.revision < EXCLUDED.revision
                        RETURNING (SELECT count(*) FROM before), (SELECT members FROM before), members""")
                        .params(p.communityId(), p.kind().name(), p.placeId(), p.communityId(), p.kind().name(), p.placeId(),
                                p.name(), p.buildingId(), p.members(), p.revision(), Timestamp.from(p.occurredAt()))
                        .query((rs, n) -> {
                            Integer before = (Integer) rs.getObject(2);
                            Integer after = (Integer) rs.getObject(3);
                            if (rs.getLong(1) > 0 && p.kind() == PlaceKind.HOUSEHOLD && !Objects.equals(before, after)) {
                                events.publishEvent(new HouseholdMembersChanged(p.communityId(), p.placeId(), before, after,
                                        p.eventId(), p.occurredAt()));
                            }
                            if (p.kind() == PlaceKind.COMMON_AREA || p.kind() == PlaceKind.ENERGY_SUBSYSTEM) {
                                events.publishEvent(new BuildingSupplyStated(p.communityId(), p.placeId(), p.buildingId(),
                                        p.suppliesBuilding(), p.occurredAt()));
                            }
                            return n;
                        })
                        .list();
            }
        });
    }

    /** What accounting uses of a place, at its columns' sizes. */
    static void check(PlaceChanged place) {
        Require.readable(place.eventId(), place.communityId(), place.occurredAt());
        Require.present(place.kind(), "kind");
        Require.identifier(place.placeId(), "placeId");
        Require.text(place.name(), "name", 100);
        Require.optionalIdentifier(place.buildingId(), "buildingId");
        if (place.suppliesBuilding() && place.buildingId() == null) {
            throw new ContractViolation("buildingSupply", "a building's supply needs its buildingId");
        }
        if (place.members() != null && (place.members() < 1 || place.members() > 50)) {
            throw new ContractViolation("members", "must be between 1 and 50, was " + place.members());
        }
        if (place.revision() <= 0) {
            throw new ContractViolation("revision", "must be above 0");
        }
    }
}
