package org.communitycarbon.sensing.registry;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.communitycarbon.model.Require;
import org.communitycarbon.model.registry.DeviceStatus;
import org.communitycarbon.model.registry.RegistryRules;
import org.jspecify.annotations.Nullable;

/**
 * What a device is, as written by a client: equal specs mean nothing to change.
 *
 * @param capacityKg a waste bin's capacity in kg, optional; kept at the column's 3 decimal places, so 25 and 25.000 are the same
 */
record DeviceSpec(String id, String type, String model, @Nullable String location, Binding binding, String boundId,
        DeviceStatus status, LocalDate installedOn, @Nullable LocalDate retiredOn, @Nullable String replaces,
        @Nullable BigDecimal capacityKg) {

    DeviceSpec {
        // the column's scale, so a spec read back equals the one written; a value out of bounds is left for the rules to refuse
        // (setScale of 1e999999999 would allocate a billion digits)
        if (capacityKg != null && capacityKg.precision() <= Require.MAX_DIGITS && capacityKg.scale() >= -Require.MAX_DIGITS
                && capacityKg.scale() <= RegistryRules.CAPACITY_SCALE) {
            capacityKg = capacityKg.setScale(RegistryRules.CAPACITY_SCALE);
        }
    }

    DeviceSpec retired(LocalDate on) {
        return new DeviceSpec(id, type, model, location, binding, boundId, DeviceStatus.RETIRED, installedOn, on, replaces, capacityKg);
    }
}
