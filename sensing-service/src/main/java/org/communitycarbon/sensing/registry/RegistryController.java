package org.communitycarbon.sensing.registry;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import org.communitycarbon.model.registry.CommunityType;
import org.communitycarbon.model.registry.DeviceStatus;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.registry.SubsystemKind;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.audit.AuditedRead;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.NotFoundException;
import org.communitycarbon.support.web.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The device registry over REST: communities, their places and their devices. An admin reads and changes
 * everything and alone registers communities; a community's property manager reads and changes its registry;
 * its staff read it; anyone else gets 403 (see {@link RegistryAccess}). Places are written with {@code PUT}
 * (create or overwrite, 201 or 200); devices are registered, updated, retired and replaced, never deleted.
 */
@RestController
@RequestMapping("/api/sensing/communities")
class RegistryController {

    private final Registry registry;
    private final RegistryStore store;

    RegistryController(Registry registry, RegistryStore store) {
        this.registry = registry;
        this.store = store;
    }

    // communities

    @Operation(summary = "The communities the caller may read: all for an admin, their own for a property manager or staff")
    @GetMapping
    @Transactional(readOnly = true)
    List<Community> communities(Caller caller) {
        caller.requireAnyRole(Role.ADMIN, Role.PROPERTY_MANAGER, Role.STAFF);
        if (caller.has(Role.ADMIN)) {
            return store.communities();
        }
        return caller.communityId() == null ? List.of() : store.community(caller.communityId()).stream().toList();
    }

    @Operation(summary = "Registers a community (admin only)")
    @PostMapping
    @Allowed(Role.ADMIN)
    ResponseEntity<Community> createCommunity(Caller caller, @RequestBody NewCommunity body) {
        caller.requireAnyRole(Role.ADMIN);
        Community created = registry.createCommunity(body.id(), body.name(), body.type(), body.region(), body.timeZone(),
                body.streetId());
        return ResponseEntity.created(URI.create("/api/sensing/communities/" + created.id())).body(created);
    }

    @Operation(summary = "A community")
    @GetMapping("/{communityId}")
    @Transactional(readOnly = true)
    Community community(Caller caller, @PathVariable String communityId) {
        RegistryAccess.requireRead(caller, communityId);
        return store.community(communityId).orElseThrow(() -> new NotFoundException("No community " + communityId));
    }

    @Operation(summary = "Changes a community's name, type, grid region or time zone (its property manager or an admin), or"
            + " its street (an admin; a property manager's update keeps the street)")
    @PutMapping("/{communityId}")
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER}, community = "communityId")
    Community updateCommunity(Caller caller, @PathVariable String communityId, @RequestBody CommunityUpdate body) {
        RegistryAccess.requireWrite(caller, communityId);
        String streetId = body.streetId();
        if (!caller.has(Role.ADMIN)) {
            // the street decides which street office's reports count the community: an admin's decision
            String current = store.community(communityId).map(Community::streetId).orElse(null);
            if (streetId == null) {
                streetId = current;
            }
            else if (!streetId.equals(current)) {
                throw new AccessDeniedException("Only an admin moves a community to another street (streetId)");
            }
        }
        return registry.updateCommunity(communityId, body.name(), body.type(), body.region(), body.timeZone(), streetId);
    }

    // places

    @Operation(summary = "A community's buildings, by id")
    @GetMapping("/{communityId}/buildings")
    @Transactional(readOnly = true)
    PageView<Place> buildings(Caller caller, @PathVariable String communityId, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return places(caller, communityId, PlaceKind.BUILDING, null, page, size);
    }

    @Operation(summary = "A building")
    @GetMapping("/{communityId}/buildings/{id}")
    @Transactional(readOnly = true)
    Place building(Caller caller, @PathVariable String communityId, @PathVariable String id) {
        return place(caller, communityId, PlaceKind.BUILDING, id);
    }

    @Operation(summary = "Registers or changes a building: 201 when created, 200 otherwise")
    @PutMapping("/{communityId}/buildings/{id}")
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER}, community = "communityId")
    ResponseEntity<Place> putBuilding(Caller caller, @PathVariable String communityId, @PathVariable String id,
            @RequestBody BuildingRequest body) {
        return put(caller, communityId, new PlaceSpec(PlaceKind.BUILDING, id, body.name(), null, null, null));
    }

    @Operation(summary = "A community's households, by id, optionally of one building")
    @AuditedRead
    @GetMapping("/{communityId}/households")
    @Transactional(readOnly = true)
    PageView<Place> households(Caller caller, @PathVariable String communityId,
            @RequestParam(required = false) @Nullable String buildingId, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return places(caller, communityId, PlaceKind.HOUSEHOLD, buildingId, page, size);
    }

    @Operation(summary = "A household")
    @AuditedRead
    @GetMapping("/{communityId}/households/{id}")
    @Transactional(readOnly = true)
    Place household(Caller caller, @PathVariable String communityId, @PathVariable String id) {
        return place(caller, communityId, PlaceKind.HOUSEHOLD, id);
    }

    @Operation(summary = "Registers or changes a household: 201 when created, 200 otherwise")
    @PutMapping("/{communityId}/households/{id}")
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER}, community = "communityId")
    ResponseEntity<Place> putHousehold(Caller caller, @PathVariable String communityId, @PathVariable String id,
            @RequestBody HouseholdRequest body) {
        return put(caller, communityId, new PlaceSpec(PlaceKind.HOUSEHOLD, id, body.name(), body.buildingId(), body.members(), null));
    }

    @Operation(summary = "A community's common areas, by id")
    @GetMapping("/{communityId}/areas")
    @Transactional(readOnly = true)
    PageView<Place> areas(Caller caller, @PathVariable String communityId, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return places(caller, communityId, PlaceKind.COMMON_AREA, null, page, size);
    }

    @Operation(summary = "A common area")
    @GetMapping("/{communityId}/areas/{id}")
    @Transactional(readOnly = true)
    Place area(Caller caller, @PathVariable String communityId, @PathVariable String id) {
        return place(caller, communityId, PlaceKind.COMMON_AREA, id);
    }

    @Operation(summary = "Registers or changes a common area: 201 when created, 200 otherwise; buildingSupply marks it as its"
            + " building's incoming supply, whose electricity meter is the building's master meter (absent: as it was)")
    @PutMapping("/{communityId}/areas/{id}")
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER}, community = "communityId")
    ResponseEntity<Place> putArea(Caller caller, @PathVariable String communityId, @PathVariable String id,
            @RequestBody AreaRequest body) {
        return put(caller, communityId, new PlaceSpec(PlaceKind.COMMON_AREA, id, body.name(), body.buildingId(), null, null),
                body.buildingSupply());
    }

    @Operation(summary = "A community's energy subsystems, by id")
    @GetMapping("/{communityId}/subsystems")
    @Transactional(readOnly = true)
    PageView<Place> subsystems(Caller caller, @PathVariable String communityId, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return places(caller, communityId, PlaceKind.ENERGY_SUBSYSTEM, null, page, size);
    }

    @Operation(summary = "An energy subsystem")
    @GetMapping("/{communityId}/subsystems/{id}")
    @Transactional(readOnly = true)
    Place subsystem(Caller caller, @PathVariable String communityId, @PathVariable String id) {
        return place(caller, communityId, PlaceKind.ENERGY_SUBSYSTEM, id);
    }

    @Operation(summary = "Registers or changes an energy subsystem: 201 when created, 200 otherwise; buildingSupply marks it as"
            + " its building's incoming supply, whose electricity meter is the building's master meter (absent: as it was)")
    @PutMapping("/{communityId}/subsystems/{id}")
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER}, community = "communityId")
    ResponseEntity<Place> putSubsystem(Caller caller, @PathVariable String communityId, @PathVariable String id,
            @RequestBody SubsystemRequest body) {
        return put(caller, communityId,
                new PlaceSpec(PlaceKind.ENERGY_SUBSYSTEM, id, body.name(), body.buildingId(), null, body.kind()), body.buildingSupply());
    }

    @Operation(summary = "A community's waste drop points, by id")
    @GetMapping("/{communityId}/drop-points")
    @Transactional(readOnly = true)
    PageView<Place> dropPoints(Caller caller, @PathVariable String communityId, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return places(caller, communityId, PlaceKind.DROP_POINT, null, page, size);
    }

    @Operation(summary = "A waste drop point")
    @GetMapping("/{communityId}/drop-points/{id}")
    @Transactional(readOnly = true)
    Place dropPoint(Caller caller, @PathVariable String communityId, @PathVariable String id) {
        return place(caller, communityId, PlaceKind.DROP_POINT, id);
    }

    @Operation(summary = "Registers or changes a waste drop point: 201 when created, 200 otherwise")
    @PutMapping("/{communityId}/drop-points/{id}")
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER}, community = "communityId")
    ResponseEntity<Place> putDropPoint(Caller caller, @PathVariable String communityId, @PathVariable String id,
            @RequestBody DropPointRequest body) {
        return put(caller, communityId, new PlaceSpec(PlaceKind.DROP_POINT, id, body.name(), body.buildingId(), null, null));
    }

    private PageView<Place> places(Caller caller, String communityId, PlaceKind kind, @Nullable String buildingId, int page,
            int size) {
        RegistryAccess.requireRead(caller, communityId);
        requireCommunity(communityId);
        long total = store.countPlaces(communityId, kind, buildingId);
        return new PageView<>(store.places(communityId, kind, buildingId, size, (long) page * size), page, size, total,
                (int) ((total + size - 1) / size));
    }

    private Place place(Caller caller, String communityId, PlaceKind kind, String id) {
        RegistryAccess.requireRead(caller, communityId);
        return store.place(communityId, kind, id).orElseThrow(
                () -> new NotFoundException("No " + kind.name().toLowerCase().replace('_', ' ') + " " + id + " in community " + communityId));
    }

    private ResponseEntity<Place> put(Caller caller, String communityId, PlaceSpec spec) {
        return put(caller, communityId, spec, null);
    }

    private ResponseEntity<Place> put(Caller caller, String communityId, PlaceSpec spec, @Nullable Boolean buildingSupply) {
        RegistryAccess.requireWrite(caller, communityId);
        Registry.Saved<Place> saved = registry.putPlace(communityId, spec, buildingSupply);
        return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK).body(saved.value());
    }

    private void requireCommunity(String communityId) {
        if (store.community(communityId).isEmpty()) {
            throw new NotFoundException("No community " + communityId);
        }
    }

    // devices

    @Operation(summary = "A community's devices by id, optionally of one type, status or binding (and bound place)")
    @GetMapping("/{communityId}/devices")
    @Transactional(readOnly = true)
    PageView<Device> devices(Caller caller, @PathVariable String communityId,
            @RequestParam(required = false) @Nullable String type, @RequestParam(required = false) @Nullable DeviceStatus status,
            @RequestParam(required = false) @Nullable Binding binding, @RequestParam(required = false) @Nullable String boundId,
            @RequestParam(defaultValue = "0") @Min(0) int page, @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        RegistryAccess.requireRead(caller, communityId);
        if (boundId != null && binding == null) {
            throw new org.communitycarbon.model.ContractViolation("boundId", "needs binding, the kind of place it names");
        }
        requireCommunity(communityId);
        var filter = new RegistryStore.DeviceFilter(type, status, binding, boundId);
        long total = store.countDevices(communityId, filter);
        return new PageView<>(store.devices(communityId, filter, size, (long) page * size), page, size, total,
                (int) ((total + size - 1) / size));
    }

    @Operation(summary = "A device")
    @GetMapping("/{communityId}/devices/{deviceId}")
    @Transactional(readOnly = true)
    Device device(Caller caller, @PathVariable String communityId, @PathVariable String deviceId) {
        RegistryAccess.requireRead(caller, communityId);
        return store.device(communityId, deviceId)
                .orElseThrow(() -> new NotFoundException("No device " + deviceId + " in community " + communityId));
    }

    @Operation(summary = "Registers a device, bound to one place; installedOn defaults to today in the community's time zone")
    @PostMapping("/{communityId}/devices")
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER}, community = "communityId")
    ResponseEntity<Device> register(Caller caller, @PathVariable String communityId, @RequestBody NewDevice body) {
        RegistryAccess.requireWrite(caller, communityId);
        LocalDate installedOn = body.installedOn() != null ? body.installedOn()
                : registry.today(store.community(communityId).orElseThrow(() -> new NotFoundException("No community " + communityId)));
        Device device = registry.register(communityId, new DeviceSpec(body.id(), body.type(), body.model(),
                Registry.blankToNull(body.location()), body.binding(), body.boundId(), DeviceStatus.ACTIVE, installedOn, null, null,
                body.capacityKg()));
        return ResponseEntity.created(URI.create("/api/sensing/communities/" + communityId + "/devices/" + device.id())).body(device);
    }

    @Operation(summary = "Changes an active device's model, location, binding or (a waste bin's) capacity")
    @PutMapping("/{communityId}/devices/{deviceId}")
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER}, community = "communityId")
    Device update(Caller caller, @PathVariable String communityId, @PathVariable String deviceId, @RequestBody DeviceUpdate body) {
        RegistryAccess.requireWrite(caller, communityId);
        return registry.update(communityId, deviceId, body.model(), body.location(), body.binding(), body.boundId(), body.capacityKg());
    }

    @Operation(summary = "Retires a device (final); retiredOn defaults to today in the community's time zone")
    @PostMapping("/{communityId}/devices/{deviceId}/retire")
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER}, community = "communityId")
    Device retire(Caller caller, @PathVariable String communityId, @PathVariable String deviceId,
            @RequestBody(required = false) @Nullable Retirement body) {
        RegistryAccess.requireWrite(caller, communityId);
        return registry.retire(communityId, deviceId, body == null ? null : body.retiredOn());
    }

    @Operation(summary = "Replaces a device: retires it and registers the new one, same type and binding, in one transaction")
    @PostMapping("/{communityId}/devices/{deviceId}/replace")
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER}, community = "communityId")
    ResponseEntity<Device> replace(Caller caller, @PathVariable String communityId, @PathVariable String deviceId,
            @RequestBody Replacement body) {
        RegistryAccess.requireWrite(caller, communityId);
        Device device = registry.replace(communityId, deviceId, body.newDeviceId(), body.model(), body.location(), body.on(),
                body.finalRegister(), body.initialRegister(), body.capacityKg());
        return ResponseEntity.created(URI.create("/api/sensing/communities/" + communityId + "/devices/" + device.id())).body(device);
    }

    // request bodies: only what a client may set (unknown fields are refused)

    /** @param streetId optional: the street (街道) whose office oversees the community */
    record NewCommunity(String id, String name, CommunityType type, String region, String timeZone, @Nullable String streetId) {
    }

    /** @param streetId optional: the street (街道) whose office oversees the community; left out, the community has none */
    record CommunityUpdate(String name, CommunityType type, String region, String timeZone, @Nullable String streetId) {
    }

    record BuildingRequest(String name) {
    }

    record HouseholdRequest(String name, String buildingId, Integer members) {
    }

    /**
     * @param buildingSupply optional: {@code true} when the area is its building's incoming supply (its electricity meter
     *        is the building's master meter; one per building, the area needs its buildingId), {@code false} when it is
     *        not; absent, it stays as it was
     */
    record AreaRequest(String name, @Nullable String buildingId, @Schema(example = "false") @Nullable Boolean buildingSupply) {
    }

    /** @param buildingSupply optional, as for a common area */
    record SubsystemRequest(String name, SubsystemKind kind, @Nullable String buildingId,
            @Schema(example = "false") @Nullable Boolean buildingSupply) {
    }

    record DropPointRequest(String name, @Nullable String buildingId) {
    }

    /** @param capacityKg optional, only for a {@code waste-bin}: what it holds in kg, above 0, at most 2000, grams at most */
    record NewDevice(String id, String type, String model, @Nullable String location, Binding binding, String boundId,
            @Nullable LocalDate installedOn, @Schema(example = "60") @Nullable BigDecimal capacityKg) {
    }

    /**
     * Binding and boundId keep their values when absent; location and capacity are stated whole (absent: none).
     *
     * @param capacityKg optional, only for a {@code waste-bin}: what it holds in kg, above 0, at most 2000, grams at most
     */
    record DeviceUpdate(String model, @Nullable String location, @Nullable Binding binding, @Nullable String boundId,
            @Schema(example = "60") @Nullable BigDecimal capacityKg) {
    }

    record Retirement(@Nullable LocalDate retiredOn) {
    }

    /** Location defaults to the old device's; {@code on} to today in the community's time zone. */
    /**
     * @param finalRegister for a meter swapped today: the old meter's register when it was taken out
     * @param initialRegister for a meter swapped today: the new meter's register when it was put in (0 for a new meter)
     * @param capacityKg for a waste bin: the new bin's capacity in kg; absent, the old bin's
     */
    record Replacement(String newDeviceId, String model, @Nullable String location, @Nullable LocalDate on,
            @Nullable BigDecimal finalRegister, @Nullable BigDecimal initialRegister, @Nullable BigDecimal capacityKg) {
    }
}
