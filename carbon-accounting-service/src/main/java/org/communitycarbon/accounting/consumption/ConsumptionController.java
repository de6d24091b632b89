package org.communitycarbon.accounting.consumption;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import org.communitycarbon.accounting.consumption.ConsumptionViews.CommunityConsumption;
import org.communitycarbon.accounting.consumption.ConsumptionViews.CommunityHours;
import org.communitycarbon.accounting.consumption.ConsumptionViews.HouseholdConsumption;
import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.accounting.rollup.LocalCalendar;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.support.audit.AuditedRead;
import org.communitycarbon.support.security.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

/**
 * Consumption and its emissions over {@code (from, to]} (ISO-8601 instants; by default the last 24 hours):
 * a resident's own household, any household of the community for its manager and staff, the community as
 * a whole for those who oversee it, and its local day hour by hour.
 */
@RestController
@RequestMapping("/api/accounting")
class ConsumptionController {

    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(2100, 1, 1);

    private final ConsumptionQueries queries;
    private final FactorCatalog factors;
    private final Clock clock;

    ConsumptionController(ConsumptionQueries queries, FactorCatalog factors, Clock clock) {
        this.queries = queries;
        this.factors = factors;
        this.clock = clock;
    }

    @GetMapping("/me/consumption")
    HouseholdConsumption mine(Caller caller, @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to) {
        Caller.ResidentScope me = caller.requireResident();
        return queries.household(me.communityId(), me.householdId(), Period.of(from, to, clock));
    }

    @AuditedRead
    @GetMapping("/communities/{communityId}/households/{householdId}/consumption")
    HouseholdConsumption household(Caller caller, @PathVariable String communityId, @PathVariable String householdId,
            @RequestParam(required = false) @Nullable Instant from, @RequestParam(required = false) @Nullable Instant to) {
        caller.requireHousehold(communityId, householdId);
        return queries.household(communityId, householdId, Period.of(from, to, clock));
    }

    @Operation(summary = "The community's local day hour by hour (households, common areas, per meter type) from the hourly "
            + "rollups (property team, street office, admins)")
    @GetMapping("/communities/{communityId}/consumption/hours")
    CommunityHours hours(Caller caller, @PathVariable String communityId, @RequestParam(required = false) @Nullable LocalDate day) {
        caller.requireOversight(communityId);
        Require.identifier(communityId, "communityId");
        LocalDate date = day == null ? LocalCalendar.dayOf(clock.instant(), factors.zoneOf(communityId)) : day;
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw new ContractViolation("day", "must be between " + EARLIEST + " and " + LATEST + ", was " + date);
        }
        return queries.hours(communityId, date);
    }

    @GetMapping("/communities/{communityId}/consumption")
    CommunityConsumption community(Caller caller, @PathVariable String communityId,
            @RequestParam(required = false) @Nullable Instant from, @RequestParam(required = false) @Nullable Instant to) {
        caller.requireOversight(communityId);
        return queries.community(communityId, Period.of(from, to, clock));
    }
}
