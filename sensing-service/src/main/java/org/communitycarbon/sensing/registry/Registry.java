package org.communitycarbon.sensing.registry;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.registry.CommunityType;
import org.communitycarbon.model.registry.DeviceStatus;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.registry.RegistryRules;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.support.web.ConflictException;
import org.communitycarbon.support.web.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registry's changes one at a time, as the REST API makes them. Each runs in one transaction under the
 * registry lock, writes only what differs from what is stored (so repeating a request changes nothing and
 * publishes nothing), and publishes the new state of what it wrote through the outbox. Input is checked with
 * {@link RegistryRules}; a value at fault is a {@link ContractViolation} naming its field (400).
 */
@Service
@Transactional
class Registry {

    private final RegistryStore store;
    private final RegistryEvents events;
    private final Clock clock;

    Registry(RegistryStore store, RegistryEvents events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    Community createCommunity(String id, String name, @Nullable CommunityType type, @Nullable String region,
            @Nullable String timeZone, @Nullable String streetId) {
        Require.identifier(id, "id");
        checkCommunity(name, type, region, timeZone, streetId);
        store.lock();
        if (store.community(id).isPresent()) {
            throw new ConflictException("Community " + id + " is already registered");
        }
        return saveCommunity(id, name, type, region, timeZone, streetId);
    }

    Community updateCommunity(String id, String name, @Nullable CommunityType type, @Nullable String region,
            @Nullable String timeZone, @Nullable String streetId) {
        checkCommunity(name, type, region, timeZone, streetId);
        store.lock();
        Community current = existing(id);
        if (current.name().equals(name) && current.type() == type && current.region().equals(region)
                && current.timeZone().equals(timeZone) && Objects.equals(current.streetId(), streetId)) {
            return current;
        }
        return saveCommunity(id, name, type, region, timeZone, streetId);
    }

    private static void checkCommunity(String name, @Nullable CommunityType type, @Nullable String region, @Nullable String timeZone,
            @Nullable String streetId) {
        RegistryRules.name(name, "name");
        Require.present(type, "type");
        RegistryRules.region(region, "region");
        RegistryRules.timeZone(timeZone, "timeZone");
        Require.optionalIdentifier(streetId, "streetId");
    }

    private Community saveCommunity(String id, String name, @Nullable CommunityType type, @Nullable String region,
            @Nullable String timeZone, @Nullable String streetId) {
        Community saved = store.saveCommunity(id, name, Objects.requireNonNull(type), Objects.requireNonNull(region),
                Objects.requireNonNull(timeZone), streetId);
        events.changed(id, List.of(saved), List.of(), List.of());
        return saved;
    }

    /** Creates or overwrites a place, a building's supply kept as it is unless stated; {@code created} tells which. */
    Saved<Place> putPlace(String communityId, PlaceSpec spec) {
        return putPlace(communityId, spec, null);
    }

    /**
     * Creates or overwrites a place; {@code created} tells which. A common area or energy subsystem is its building's
     * supply (its electricity meter the building's master meter) when {@code buildingSupply} says so; absent, it stays
     * what it was (not, for a new place). A building has one supply at most: marking a second is refused, naming
     * {@code buildingSupply}, until the first is unmarked.
     */
    Saved<Place> putPlace(String communityId, PlaceSpec stated, @Nullable Boolean buildingSupply) {
        Require.identifier(stated.id(), "id");
        RegistryRules.name(stated.name(), "name");
        RegistryRules.placeShape(stated.kind(), stated.buildingId(), stated.members(), stated.subsystemKind());
        store.lock();
        existing(communityId);
        if (stated.buildingId() != null && store.place(communityId, PlaceKind.BUILDING, stated.buildingId()).isEmpty()) {
            throw new ContractViolation("buildingId", "no building " + stated.buildingId() + " in community " + communityId);
        }
        var current = store.place(communityId, stated.kind(), stated.id());
        boolean supply = buildingSupply != null ? buildingSupply : current.map(Place::buildingSupply).orElse(false);
        PlaceSpec spec = new PlaceSpec(stated.kind(), stated.id(), stated.name(), stated.buildingId(), stated.members(),
                stated.subsystemKind(), supply);
        if (supply) {
            if (buildingSupply == null && stated.buildingId() == null) {
                throw new ContractViolation("buildingId", stated.id() + " is the supply of building "
                        + current.map(Place::buildingId).orElse("?") + "; unmark it (buildingSupply false) before taking it out of the building");
            }
            RegistryRules.buildingSupply(spec.kind(), spec.buildingId(), true, "buildingSupply");
            var other = store.supplyOf(communityId, Objects.requireNonNull(spec.buildingId()), spec.kind(), spec.id());
            if (other.isPresent()) {
                throw new ContractViolation(buildingSupply != null ? "buildingSupply" : "buildingId", "building " + spec.buildingId()
                        + " already has its supply, " + other.get().kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + " " + other.get().id() + "; unmark it (buildingSupply false) first");
            }
        }
        if (current.isPresent() && current.get().spec().equals(spec)) {
            return new Saved<>(current.get(), false);
        }
        List<Place> saved = store.savePlaces(communityId, List.of(spec));
        events.changed(communityId, List.of(), saved, List.of());
        return new Saved<>(saved.get(0), current.isEmpty());
    }

    Device register(String communityId, DeviceSpec spec) {
        store.lock();
        Community community = existing(communityId);
        checkDevice(communityId, spec);
        if (store.device(communityId, spec.id()).isPresent()) {
            throw new ConflictException("Device " + spec.id() + " is already registered in community " + communityId
                    + "; a retired device's id is not reused");
        }
        if (spec.installedOn().isAfter(today(community).plusDays(1))) {
            throw new ContractViolation("installedOn", "must not be in the future, was " + spec.installedOn());
        }
        return save(communityId, List.of(spec)).get(0);
    }

    /** Location and capacity are stated whole (absent: none); binding and boundId keep their values when absent. */
    Device update(String communityId, String deviceId, String model, @Nullable String location, @Nullable Binding binding,
            @Nullable String boundId, @Nullable BigDecimal capacityKg) {
        store.lock();
        existing(communityId);
        Device current = existingDevice(communityId, deviceId);
        if (current.status() == DeviceStatus.RETIRED) {
            throw new ConflictException("Device " + deviceId + " was retired on " + current.retiredOn() + "; retiring is final");
        }
        DeviceSpec spec = new DeviceSpec(deviceId, current.type(), model, blankToNull(location),
                binding == null ? current.binding() : binding, boundId == null ? current.boundId() : boundId,
                DeviceStatus.ACTIVE, current.installedOn(), null, current.replaces(), capacityKg);
        checkDevice(communityId, spec);
        if (spec.equals(current.spec())) {
            return current;
        }
        return save(communityId, List.of(spec)).get(0);
    }

    Device retire(String communityId, String deviceId, @Nullable LocalDate on) {
        store.lock();
        Community community = existing(communityId);
        Device current = existingDevice(communityId, deviceId);
        LocalDate day = on == null ? today(community) : on;
        if (current.status() == DeviceStatus.RETIRED) {
            if (day.equals(current.retiredOn())) {
                return current;
            }
            throw new ConflictException("Device " + deviceId + " was retired on " + current.retiredOn() + "; retiring is final");
        }
        checkRetirement(current, day, "retiredOn");
        return save(communityId, List.of(current.spec().retired(day))).get(0);
    }

    /**
     * Retires the device and registers its replacement on the same day, with the same type and binding, in one
     * transaction: the place it serves never has no meter, and never two. For a meter swapped today, the registers
     * read at the swap — the old meter's final and the new one's initial — become readings of that moment, so the
     * place's consumption runs on across the swap without a gap. A replaced bin's capacity carries over unless given.
     */
    Device replace(String communityId, String deviceId, String newDeviceId, String model, @Nullable String location,
            @Nullable LocalDate on, @Nullable BigDecimal finalRegister, @Nullable BigDecimal initialRegister,
            @Nullable BigDecimal capacityKg) {
        Require.identifier(newDeviceId, "newDeviceId");
        store.lock();
        Community community = existing(communityId);
        Device old = existingDevice(communityId, deviceId);
        if (old.status() == DeviceStatus.RETIRED) {
            throw new ConflictException("Device " + deviceId + " was retired on " + old.retiredOn() + "; it can no longer be replaced");
        }
        LocalDate day = on == null ? today(community) : on;
        checkRetirement(old, day, "on");
        DeviceSpec replacement = new DeviceSpec(newDeviceId, old.type(), model,
                location == null ? old.location() : blankToNull(location), old.binding(), old.boundId(), DeviceStatus.ACTIVE, day,
                null, deviceId, capacityKg == null ? old.capacityKg() : capacityKg);
        checkDevice(communityId, replacement);
        if (store.device(communityId, newDeviceId).isPresent()) {
            throw new ConflictException("Device " + newDeviceId + " is already registered in community " + communityId);
        }
        if (finalRegister != null || initialRegister != null) {
            if (DeviceType.ofSlug(old.type()).map(DeviceType::meterType).isEmpty()) {
                throw new ContractViolation(finalRegister != null ? "finalRegister" : "initialRegister",
                        "only a meter has a register; " + deviceId + " is a " + old.type());
            }
            if (!day.equals(today(community))) {
                throw new ContractViolation(finalRegister != null ? "finalRegister" : "initialRegister",
                        "registers are recorded for a swap made today; this one is dated " + day);
            }
            finalRegister = register(finalRegister, "finalRegister");
            initialRegister = register(initialRegister, "initialRegister");
        }
        List<Device> saved = save(communityId, List.of(old.spec().retired(day), replacement));
        Device installed = saved.stream().filter(d -> d.id().equals(newDeviceId)).findFirst().orElseThrow();
        if (finalRegister != null || initialRegister != null) {
            Device retired = saved.stream().filter(d -> d.id().equals(deviceId)).findFirst().orElseThrow();
            events.swapReadings(communityId, retired, finalRegister, installed, initialRegister,
                    clock.instant().truncatedTo(ChronoUnit.SECONDS));
        }
        return installed;
    }

    private static @Nullable BigDecimal register(@Nullable BigDecimal value, String field) {
        return value == null ? null : Require.decimal(value, field, BigDecimal.ZERO, MeterReadingReceived.MAX_REGISTER,
                MeterReadingReceived.REGISTER_SCALE);
    }

    private List<Device> save(String communityId, List<DeviceSpec> specs) {
        List<Device> saved = store.saveDevices(communityId, specs);
        events.changed(communityId, List.of(), List.of(), saved);
        return saved;
    }

    private void checkDevice(String communityId, DeviceSpec spec) {
        Require.identifier(spec.id(), "id");
        RegistryRules.deviceType(spec.type(), "type");
        RegistryRules.model(spec.model(), "model");
        RegistryRules.location(spec.location(), "location");
        Require.present(spec.binding(), "binding");
        Require.identifier(spec.boundId(), "boundId");
        RegistryRules.capacityKg(spec.type(), spec.capacityKg(), "capacityKg");
        if (store.place(communityId, spec.binding().placeKind(), spec.boundId()).isEmpty()) {
            throw new ContractViolation("boundId", "no " + spec.binding().placeKind().name().toLowerCase().replace('_', ' ') + " "
                    + spec.boundId() + " in community " + communityId);
        }
    }

    private static void checkRetirement(Device device, LocalDate day, String field) {
        if (day.isBefore(device.installedOn())) {
            throw new ContractViolation(field, "must not be before the device was installed, " + device.installedOn() + ", was " + day);
        }
    }

    private Community existing(String communityId) {
        return store.community(communityId).orElseThrow(() -> new NotFoundException("No community " + communityId));
    }

    private Device existingDevice(String communityId, String deviceId) {
        return store.device(communityId, deviceId)
                .orElseThrow(() -> new NotFoundException("No device " + deviceId + " in community " + communityId));
    }

    LocalDate today(Community community) {
        return LocalDate.now(clock.withZone(ZoneId.of(community.timeZone())));
    }

    static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** What a create-or-overwrite stored, and whether it created it. */
    record Saved<T>(T value, boolean created) {
    }
}
