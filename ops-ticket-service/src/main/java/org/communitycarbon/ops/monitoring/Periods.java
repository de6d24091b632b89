package org.communitycarbon.ops.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.communitycarbon.model.ContractViolation;

/** The bounds of the periods monitoring's reads cover. */
final class Periods {

    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("3000-01-01T00:00:00Z");

    private Periods() {
    }

    static void checkInstants(Instant from, Instant to, Duration max) {
        if (from.isBefore(EARLIEST) || from.isAfter(LATEST)) {
            throw new ContractViolation("from", "must be between " + EARLIEST + " and " + LATEST + ", was " + from);
        }
        if (to.isBefore(EARLIEST) || to.isAfter(LATEST)) {
            throw new ContractViolation("to", "must be between " + EARLIEST + " and " + LATEST + ", was " + to);
        }
        if (!to.isAfter(from) || Duration.between(from, to).compareTo(max) > 0) {
            throw new ContractViolation("to", "must be after from and at most " + max.toDays() + " days later");
        }
    }

    static void checkDays(LocalDate from, LocalDate to, int maxDays) {
        if (from.getYear() < 2000 || from.getYear() > 2999) {
            throw new ContractViolation("from", "must be a day between 2000 and 2999, was " + from);
        }
        if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= maxDays) {
            throw new ContractViolation("to", "must be from or a later day, at most " + maxDays + " days in all");
        }
    }
}
