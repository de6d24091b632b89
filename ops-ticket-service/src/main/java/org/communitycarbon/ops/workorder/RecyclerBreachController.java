package org.communitycarbon.ops.workorder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.support.security.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * Missed pickup deadlines counted against each recycler serving a community, for the people who oversee it: its
 * property manager and staff, its street office (companies' figures, no household), an admin.
 */
@RestController
@RequestMapping("/api/ops")
class RecyclerBreachController {

    /** The longest period one answer covers. */
    static final Duration MAX_PERIOD = Duration.ofDays(366);

    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("3000-01-01T00:00:00Z");

    private final LatePickups latePickups;
    private final Clock clock;

    RecyclerBreachController(LatePickups latePickups, Clock clock) {
        this.latePickups = latePickups;
        this.clock = clock;
    }

    @Operation(summary = "Missed pickup deadlines per recycler of a community over a period: late dispatches and late "
            + "visits, by the deadline's due time (property manager, staff and street office of the community, admins)")
    @GetMapping("/communities/{communityId}/recycler-breaches")
    RecyclerBreachReport breaches(Caller caller, @PathVariable String communityId,
            @Parameter(description = "deadlines due at or after this instant (ISO-8601); 30 days before `to` by default")
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @Parameter(description = "deadlines due before this instant (ISO-8601); now by default; at most 366 days after `from`")
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        caller.requireOversight(communityId);
        Period period = Period.of(from, to, clock.instant());
        return latePickups.breaches(communityId, period.from(), period.to());
    }

    /** A period {@code [from, to)} of a report: by default the 30 days up to now, at most 366 days, from 2000 on. */
    record Period(Instant from, Instant to) {

        static Period of(@Nullable Instant from, @Nullable Instant to, Instant now) {
            Instant end = to == null ? now.truncatedTo(ChronoUnit.MICROS) : to;
            Instant start = from == null ? end.minus(Duration.ofDays(30)) : from;
            if (start.isBefore(EARLIEST) || start.isAfter(LATEST)) {
                throw new ContractViolation("from", "must be between " + EARLIEST + " and " + LATEST + ", was " + start);
            }
            if (end.isBefore(EARLIEST) || end.isAfter(LATEST)) {
                throw new ContractViolation("to", "must be between " + EARLIEST + " and " + LATEST + ", was " + end);
            }
            if (!end.isAfter(start) || Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
                throw new ContractViolation("to", "must be after from and at most 366 days later");
            }
            return new Period(start, end);
        }
    }
}
