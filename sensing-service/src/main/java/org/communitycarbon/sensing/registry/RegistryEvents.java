package org.communitycarbon.sensing.registry;

import java.util.ArrayList;
import java.util.List;

import org.communitycarbon.model.registry.CommunityChanged;
import org.communitycarbon.model.registry.DeviceChanged;
import org.communitycarbon.model.registry.PlaceChanged;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.support.outbox.Outbox;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes the state of what a registry transaction wrote, through the outbox in that transaction, and has
 * this instance's directory reload right after the commit.
 */
@Component
class RegistryEvents {

    private final Outbox outbox;
    private final RegistryDirectory directory;

    RegistryEvents(Outbox outbox, RegistryDirectory directory) {
        this.outbox = outbox;
        this.directory = directory;
    }

    void changed(String communityId, List<Community> communities, List<Place> places, List<Device> devices) {
        List<Outbox.Message> messages = new ArrayList<>(communities.size() + places.size() + devices.size());
        for (Community c : communities) {
            messages.add(new Outbox.Message(RegistryTopics.COMMUNITIES, c.id(), new CommunityChanged(
                    CommunityChanged.eventIdOf(c.id(), c.revision()), CommunityChanged.SCHEMA_VERSION, c.id(), c.updatedAt(),
                    c.revision(), c.name(), c.type(), c.region(), c.timeZone())));
        }
        for (Place p : places) {
            messages.add(new Outbox.Message(RegistryTopics.PLACES, RegistryTopics.placeKey(communityId, p.kind(), p.id()),
                    new PlaceChanged(PlaceChanged.eventIdOf(communityId, p.kind(), p.id(), p.revision()), PlaceChanged.SCHEMA_VERSION,
                            communityId, p.updatedAt(), p.revision(), p.kind(), p.id(), p.name(), p.buildingId(), p.members(),
                            p.subsystemKind())));
        }
        for (Device d : devices) {
            messages.add(new Outbox.Message(RegistryTopics.DEVICES, RegistryTopics.deviceKey(communityId, d.id()),
                    new DeviceChanged(DeviceChanged.eventIdOf(communityId, d.id(), d.revision()), DeviceChanged.SCHEMA_VERSION,
                            communityId, d.updatedAt(), d.revision(), d.id(), d.type(), d.model(), d.location(),
                            d.binding().placeKind(), d.boundId(), d.status(), d.installedOn(), d.retiredOn(), d.replaces())));
        }
        if (messages.isEmpty()) {
            return;
        }
        outbox.publishAll(messages);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                directory.refreshSoon();
            }
        });
    }
}
