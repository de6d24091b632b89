package org.communitycarbon.model.registry;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Require;
import org.jspecify.annotations.Nullable;

/**
 * A device as registered, in full, after a change: what it is, where it is installed and which one place it
 * serves, and whether it is active. A meter that replaced another names it in {@code replaces}; the one it
 * replaced was retired in the same change, keeping the same binding, so the place's accounting runs on.
 *
 * @param revision the registry revision of this state; a later state has a higher revision
 * @param deviceType the device type as named in MQTT topics: {@code electricity-meter}, {@code waste-bin}...
 * @param binding the kind of place the device serves: {@code HOUSEHOLD}, {@code COMMON_AREA},
 *        {@code ENERGY_SUBSYSTEM} or {@code DROP_POINT}
 * @param boundId the id of that place
 * @param installedOn the first day it reported, in the community's time zone
 * @param retiredOn the day it was retired, when it was
 * @param replaces the device it replaced, if any
 * @param capacityKg a waste bin's capacity in kg, when the registry has one: how much one drop may weigh at most.
 *        Optional and added without a new schema version: events written before it, and devices without one, have
 *        none (a reader then falls back to what it knows of bins of the kind). Only a {@code waste-bin} has one.
 */
public record DeviceChanged(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        long revision,
        String deviceId,
        String deviceType,
        String model,
        @Nullable String location,
        PlaceKind binding,
        String boundId,
        DeviceStatus status,
        LocalDate installedOn,
        @Nullable LocalDate retiredOn,
        @Nullable String replaces,
        @Nullable BigDecimal capacityKg) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** A device without a registered capacity: every device but a waste bin, and bins whose capacity is not known. */
    public DeviceChanged(UUID eventId, int schemaVersion, String communityId, Instant occurredAt, long revision, String deviceId,
            String deviceType, String model, @Nullable String location, PlaceKind binding, String boundId, DeviceStatus status,
            LocalDate installedOn, @Nullable LocalDate retiredOn, @Nullable String replaces) {
        this(eventId, schemaVersion, communityId, occurredAt, revision, deviceId, deviceType, model, location, binding, boundId,
                status, installedOn, retiredOn, replaces, null);
    }

    /** The id of a device's state at a revision. */
    public static UUID eventIdOf(String communityId, String deviceId, long revision) {
        return EventIds.of(communityId, "device", deviceId, Long.toString(revision));
    }

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        if (revision <= 0) {
            throw new ContractViolation("revision", "must be above 0, was " + revision);
        }
        Require.identifier(deviceId, "deviceId");
        RegistryRules.deviceType(deviceType, "deviceType");
        RegistryRules.model(model, "model");
        RegistryRules.location(location, "location");
        Require.present(binding, "binding");
        if (!binding.bindsDevices()) {
            throw new ContractViolation("binding", "must be HOUSEHOLD, COMMON_AREA, ENERGY_SUBSYSTEM or DROP_POINT, was " + binding);
        }
        Require.identifier(boundId, "boundId");
        Require.present(status, "status");
        Require.present(installedOn, "installedOn");
        if (status == DeviceStatus.RETIRED) {
            Require.present(retiredOn, "retiredOn");
            if (retiredOn.isBefore(installedOn)) {
                throw new ContractViolation("retiredOn", "must not be before installedOn " + installedOn + ", was " + retiredOn);
            }
        }
        else if (retiredOn != null) {
            throw new ContractViolation("retiredOn", "must be absent while the device is ACTIVE");
        }
        Require.optionalIdentifier(replaces, "replaces");
        if (deviceId.equals(replaces)) {
            throw new ContractViolation("replaces", "a device cannot replace itself");
        }
        RegistryRules.capacityKg(deviceType, capacityKg, "capacityKg");
    }
}
