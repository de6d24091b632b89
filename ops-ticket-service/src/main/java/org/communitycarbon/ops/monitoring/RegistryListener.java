package org.communitycarbon.ops.monitoring;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.registry.CommunityChanged;
import org.communitycarbon.model.registry.PlaceChanged;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.support.messaging.InboundEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Reads the registry's communities (time zones, streets) and places (buildings, areas, subsystems) into {@link Registry}. */
@Component
class RegistryListener {

    private final InboundEvents inbound;
    private final Registry registry;

    RegistryListener(InboundEvents inbound, Registry registry) {
        this.inbound = inbound;
        this.registry = registry;
    }

    @KafkaListener(topics = RegistryTopics.COMMUNITIES)
    void onCommunity(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, CommunityChanged.class, RegistryListener::check, registry::recordCommunities);
    }

    @KafkaListener(topics = RegistryTopics.PLACES)
    void onPlace(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, PlaceChanged.class, RegistryListener::check, registry::recordPlaces);
    }

    /** What ops uses of a community: its time zone, which must be one Java knows, and its street, if any. */
    static void check(CommunityChanged community) {
        Require.readable(community.eventId(), community.communityId(), community.occurredAt());
        Require.optionalIdentifier(community.streetId(), "streetId");
        Require.text(community.timeZone(), "timeZone", 64);
        try {
            java.time.ZoneId.of(community.timeZone());
        }
        catch (java.time.DateTimeException e) {
            throw new ContractViolation("timeZone", "is not a known time zone: " + community.timeZone());
        }
        revision(community.revision());
    }

    /** What monitoring uses of a place: kind, id, name, building, subsystem kind. */
    static void check(PlaceChanged place) {
        Require.readable(place.eventId(), place.communityId(), place.occurredAt());
        Require.present(place.kind(), "kind");
        Require.identifier(place.placeId(), "placeId");
        Require.text(place.name(), "name", 100);
        Require.optionalIdentifier(place.buildingId(), "buildingId");
        if (place.kind() == org.communitycarbon.model.registry.PlaceKind.ENERGY_SUBSYSTEM) {
            Require.present(place.subsystemKind(), "subsystemKind");
        }
        revision(place.revision());
    }

    private static void revision(long revision) {
        if (revision <= 0) {
            throw new ContractViolation("revision", "must be above 0, was " + revision);
        }
    }
}
