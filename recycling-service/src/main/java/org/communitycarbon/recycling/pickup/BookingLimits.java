package org.communitycarbon.recycling.pickup;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many pickups one household may book: a free service is not a free-for-all, and an app stuck in a loop
 * (or a resident with a grudge) must not flood the recyclers' queue. Replays of a booking never count.
 *
 * @param perWindow bookings a household may make within {@link #window}
 * @param window the rolling window {@link #perWindow} counts over
 * @param open bookings of a household not yet collected, settled or cancelled
 */
@ConfigurationProperties("recycling.booking-limits")
public record BookingLimits(@DefaultValue("3") int perWindow, @DefaultValue("P1D") Duration window, @DefaultValue("5") int open) {

    public BookingLimits {
        if (perWindow < 1 || open < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("recycling.booking-limits: per-window and open must be at least 1, window positive");
        }
    }
}
