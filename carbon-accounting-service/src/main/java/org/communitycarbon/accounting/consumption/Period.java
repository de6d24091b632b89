package org.communitycarbon.accounting.consumption;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.communitycarbon.model.ContractViolation;
import org.jspecify.annotations.Nullable;

/**
 * A reporting period {@code (from, to]}: by default the last 24 hours, at most a year.
 */
record Period(Instant from, Instant to) {

    static final Duration DEFAULT = Duration.ofHours(24);
    static final Duration LONGEST = Duration.ofDays(366);

    static Period of(@Nullable Instant from, @Nullable Instant to, Clock clock) {
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(DEFAULT) : from;
        if (!start.isBefore(end)) {
            throw new ContractViolation("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw new ContractViolation("from", "the period may be at most 366 days");
        }
        return new Period(start, end);
    }
}
