package org.communitycarbon.recycling.pickup;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.communitycarbon.model.ContractViolation;
import org.jspecify.annotations.Nullable;

/**
 * When the resident would like the recycler at the door: both ends, or neither for "any time". Instants
 * are kept to the microsecond, as PostgreSQL stores them.
 *
 * @param from the earliest time, or {@code null} for any time
 * @param until the latest time, after {@code from}; {@code null} exactly when {@code from} is
 */
record PickupWindow(@Nullable Instant from, @Nullable Instant until) {

    /** How far ahead a resident may ask for a pickup. */
    static final Duration LONGEST_AHEAD = Duration.ofDays(14);

    static final PickupWindow ANY_TIME = new PickupWindow(null, null);

    /** The rules that hold whenever the window is read: both ends or neither, and {@code from} before {@code until}. */
    PickupWindow {
        if (from != null && until == null) {
            throw new ContractViolation("preferredUntil", "is required when preferredFrom is given");
        }
        if (from == null && until != null) {
            throw new ContractViolation("preferredFrom", "is required when preferredUntil is given");
        }
        if (from != null && until != null && !from.isBefore(until)) {
            throw new ContractViolation("preferredUntil", "must be after preferredFrom");
        }
        from = from == null ? null : from.truncatedTo(ChronoUnit.MICROS);
        until = until == null ? null : until.truncatedTo(ChronoUnit.MICROS);
    }

    boolean isAnyTime() {
        return until == null;
    }

    /**
     * The rules for a new booking made at {@code now}: the window has not already ended and ends within
     * {@link #LONGEST_AHEAD}. A window that has started but not ended is fine ("any time until ...").
     */
    void requireBookableAt(Instant now) {
        if (until == null) {
            return;
        }
        if (!until.isAfter(now)) {
            throw new ContractViolation("preferredUntil", "must be in the future");
        }
        if (until.isAfter(now.plus(LONGEST_AHEAD))) {
            throw new ContractViolation("preferredUntil", "must be within " + LONGEST_AHEAD.toDays() + " days of booking");
        }
    }
}
