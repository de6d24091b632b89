package org.communitycarbon.sensing.registry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.device.DeviceMessage;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.registry.CommunityChanged;
import org.communitycarbon.model.registry.DeviceChanged;
import org.communitycarbon.model.registry.PlaceChanged;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.model.sensing.MeterType;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.support.outbox.Outbox;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes the state of what a registry transaction wrote, through the outbox in that transaction, and has
 * this instance's directory reload right after the commit, before the change is answered.
 */
@Component
class RegistryEvents {

    private final Outbox outbox;
    private final RegistryDirectory directory;

    RegistryEvents(Outbox outbox, RegistryDirectory directory) {
        this.outbox = outbox;
        this.directory = directory;
    }

    /**
     * The registers read when a meter was swapped, as readings of the two meters at that moment — the old meter's
     * last and the new meter's first — so consumption is counted across the swap as between any two readings.
     * Published to the meter-reading topic as a meter would; their ids are those a meter's own reading at that
     * instant would have.
     */
    void swapReadings(String communityId, Device old, @Nullable BigDecimal finalRegister, Device replacement,
            @Nullable BigDecimal initialRegister, Instant at) {
        List<Outbox.Message> messages = new ArrayList<>(2);
        if (finalRegister != null) {
            messages.add(reading(communityId, old, finalRegister, at));
        }
        if (initialRegister != null) {
            messages.add(reading(communityId, replacement, initialRegister, at));
        }
        outbox.publishAll(messages);
    }

    private static Outbox.Message reading(String communityId, Device meter, BigDecimal register, Instant at) {
        MeterType type = DeviceType.ofSlug(meter.type()).map(DeviceType::meterType)
                .orElseThrow(() -> new IllegalArgumentException(meter.id() + " is not a meter"));
        boolean household = meter.binding() == Binding.HOUSEHOLD;
        UUID eventId = DeviceMessage.READING.eventIdOf(communityId, meter.id(), at);
        return new Outbox.Message(SensingTopics.METER_READINGS, RegistryTopics.deviceKey(communityId, meter.id()), new MeterReadingReceived(eventId,
                MeterReadingReceived.SCHEMA_VERSION, communityId, at, at, meter.id(), type, household ? meter.boundId() : null,
                household ? null : meter.boundId(), Quantity.of(register, type.registerUnit())));
    }

    void changed(String communityId, List<Community> communities, List<Place> places, List<Device> devices) {
        List<Outbox.Message> messages = new ArrayList<>(communities.size() + places.size() + devices.size());
        for (Community c : communities) {
            messages.add(new Outbox.Message(RegistryTopics.COMMUNITIES, c.id(), new CommunityChanged(
                    CommunityChanged.eventIdOf(c.id(), c.revision()), CommunityChanged.SCHEMA_VERSION, c.id(), c.updatedAt(),
                    c.revision(), c.name(), c.type(), c.region(), c.timeZone(), c.streetId())));
        }
        for (Place p : places) {
            messages.add(new Outbox.Message(RegistryTopics.PLACES, RegistryTopics.placeKey(communityId, p.kind(), p.id()),
                    new PlaceChanged(PlaceChanged.eventIdOf(communityId, p.kind(), p.id(), p.revision()), PlaceChanged.SCHEMA_VERSION,
                            communityId, p.updatedAt(), p.revision(), p.kind(), p.id(), p.name(), p.buildingId(), p.members(),
                            p.subsystemKind(), PlaceSpec.canSupply(p.kind()) ? Boolean.valueOf(p.buildingSupply()) : null)));
        }
        for (Device d : devices) {
            messages.add(new Outbox.Message(RegistryTopics.DEVICES, RegistryTopics.deviceKey(communityId, d.id()),
                    new DeviceChanged(DeviceChanged.eventIdOf(communityId, d.id(), d.revision()), DeviceChanged.SCHEMA_VERSION,
                            communityId, d.updatedAt(), d.revision(), d.id(), d.type(), d.model(), d.location(),
                            d.binding().placeKind(), d.boundId(), d.status(), d.installedOn(), d.retiredOn(), d.replaces(),
                            d.capacityKg())));
        }
        if (messages.isEmpty()) {
            return;
        }
        outbox.publishAll(messages);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                directory.refreshNow();
            }
        });
    }
}
