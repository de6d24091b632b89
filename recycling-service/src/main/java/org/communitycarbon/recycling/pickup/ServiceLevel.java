package org.communitycarbon.recycling.pickup;

import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The promise made for every free pickup, from the mission: a recycler dispatched within an hour of the
 * booking and at the door within 24 hours. Each booking stores the deadlines in force when it was made.
 *
 * @param dispatchWithin time from booking until a recycler must be dispatched
 * @param arriveWithin time from booking until the recycler must be at the door, unless the resident
 *        asked for a later window
 */
@ConfigurationProperties("recycling.service-level")
public record ServiceLevel(@DefaultValue("PT1H") Duration dispatchWithin, @DefaultValue("PT24H") Duration arriveWithin) {

    public ServiceLevel {
        if (dispatchWithin.isNegative() || dispatchWithin.isZero() || arriveWithin.isNegative() || arriveWithin.isZero()) {
            throw new IllegalArgumentException("recycling.service-level durations must be positive");
        }
        if (arriveWithin.compareTo(dispatchWithin) < 0) {
            throw new IllegalArgumentException("recycling.service-level.arrive-within must not be shorter than dispatch-within");
        }
    }

    /**
     * The deadlines of a booking made at {@code requestedAt}. Dispatch is always due within
     * {@link #dispatchWithin}. Arrival is due within {@link #arriveWithin}, or at the end of the resident's
     * window if that is later: a resident who asks for Saturday morning has not been kept waiting when the
     * recycler comes on Saturday morning.
     */
    Deadlines deadlinesFor(Instant requestedAt, PickupWindow window) {
        Instant arrival = requestedAt.plus(arriveWithin);
        Instant until = window.until();
        if (until != null && until.isAfter(arrival)) {
            arrival = until;
        }
        return new Deadlines(requestedAt.plus(dispatchWithin), arrival);
    }

    /** When a booking must be dispatched and when the recycler must be at the door. */
    record Deadlines(Instant dispatchDueAt, Instant arrivalDueAt) {
    }
}
