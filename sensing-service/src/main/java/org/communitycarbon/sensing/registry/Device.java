package org.communitycarbon.sensing.registry;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.communitycarbon.model.registry.DeviceStatus;
import org.jspecify.annotations.Nullable;

/**
 * A registered device.
 *
 * @param type as in MQTT topics: {@code electricity-meter}, {@code waste-bin}...
 * @param binding the kind of place it serves, {@code boundId} the place
 * @param replaces the device it replaced, if any
 * @param revision the registry revision of its latest change
 * @param capacityKg a waste bin's capacity in kg, when registered
 */
record Device(String id, String type, String model, @Nullable String location, Binding binding, String boundId,
        DeviceStatus status, LocalDate installedOn, @Nullable LocalDate retiredOn, @Nullable String replaces,
        long revision, Instant updatedAt, @Nullable BigDecimal capacityKg) {

    DeviceSpec spec() {
        return new DeviceSpec(id, type, model, location, binding, boundId, status, installedOn, retiredOn, replaces, capacityKg);
    }
}
