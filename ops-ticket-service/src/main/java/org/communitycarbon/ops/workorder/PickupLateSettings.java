package org.communitycarbon.ops.workorder;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The deadline policy of work orders for late recycling pickups, counted from when the recycling service noticed the
 * breach.
 *
 * @param dispatchResolveWithin a pickup no recycler was dispatched to: the property manager assigns one by hand
 *        within this time, the hour the resident was promised ({@code OPS_PICKUP_LATE_DISPATCH_RESOLVE_WITHIN}, 1 hour)
 * @param visitResolveWithin a pickup nobody came for by its arrival deadline: the property team gets the recycler to
 *        the door, or the pickup cancelled, within this time ({@code OPS_PICKUP_LATE_VISIT_RESOLVE_WITHIN}, 4 hours)
 */
@ConfigurationProperties("ops.pickup-late")
public record PickupLateSettings(
        @DefaultValue("PT1H") Duration dispatchResolveWithin,
        @DefaultValue("PT4H") Duration visitResolveWithin) {

    public PickupLateSettings {
        if (dispatchResolveWithin.isNegative() || dispatchResolveWithin.isZero() || visitResolveWithin.isNegative()
                || visitResolveWithin.isZero()) {
            throw new IllegalArgumentException("ops.pickup-late durations must be positive");
        }
    }
}
