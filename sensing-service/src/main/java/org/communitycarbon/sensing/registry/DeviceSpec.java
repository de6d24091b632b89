package org.communitycarbon.sensing.registry;

import java.time.LocalDate;

import org.communitycarbon.model.registry.DeviceStatus;
import org.jspecify.annotations.Nullable;

/** What a device is, as written by a client: equal specs mean nothing to change. */
record DeviceSpec(String id, String type, String model, @Nullable String location, Binding binding, String boundId,
        DeviceStatus status, LocalDate installedOn, @Nullable LocalDate retiredOn, @Nullable String replaces) {

    DeviceSpec retired(LocalDate on) {
        return new DeviceSpec(id, type, model, location, binding, boundId, DeviceStatus.RETIRED, installedOn, on, replaces);
    }
}
