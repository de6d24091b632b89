package org.communitycarbon.recycling.performance;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.recycling.pickup.DispatchSettings;
import org.communitycarbon.support.security.Allowed;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/** The recyclers' performance with a community, for its property team and street office. */
@RestController
@RequestMapping("/api/recycling/communities/{communityId}/recyclers/performance")
class PerformanceController {

    /** Longest period, in days. */
    static final int MAX_DAYS = 366;

    private final RecyclerPerformanceQuery query;
    private final DispatchSettings calendar;
    private final Clock clock;

    PerformanceController(RecyclerPerformanceQuery query, DispatchSettings calendar, Clock clock) {
        this.query = query;
        this.calendar = calendar;
        this.clock = clock;
    }

    @GetMapping
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.STAFF, Role.STREET_OFFICE, Role.ADMIN}, community = "communityId")
    @Operation(summary = "How each recycler serving the community performed over a period",
            description = "For the community's property team and street office, and admins. Over the pickups booked from "
                    + "'from' to 'to' (local dates, both included; the last 30 days by default, at most 366): orders, "
                    + "collected, cancelled, the share dispatched by the dispatch deadline, the share of judged visits made by "
                    + "the arrival deadline, the residents' average rating, and the kg collected by category.")
    PerformanceReport performance(@PathVariable String communityId,
            @Parameter(description = "First local date, e.g. 2026-11-01") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @Parameter(description = "Last local date, included; today when left out") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
        LocalDate last = to == null ? LocalDate.now(clock.withZone(calendar.zone())) : to;
        LocalDate first = from == null ? last.minusDays(29) : from;
        if (first.isAfter(last)) {
            throw new ContractViolation("from", "must not be after 'to' (" + last + "), was " + first);
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
            throw new ContractViolation("to", "a period holds at most " + MAX_DAYS + " days, was " + first + " to " + last);
        }
        return query.of(communityId, first, last, calendar.zone());
    }
}
