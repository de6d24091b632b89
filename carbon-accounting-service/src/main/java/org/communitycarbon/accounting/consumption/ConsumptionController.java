package org.communitycarbon.accounting.consumption;

import java.time.Clock;
import java.time.Instant;

import org.communitycarbon.accounting.consumption.ConsumptionViews.CommunityConsumption;
import org.communitycarbon.accounting.consumption.ConsumptionViews.HouseholdConsumption;
import org.communitycarbon.support.audit.AuditedRead;
import org.communitycarbon.support.security.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Consumption and its emissions over {@code (from, to]} (ISO-8601 instants; by default the last 24 hours):
 * a resident's own household, any household of the community for its manager and staff, the community as
 * a whole for those who oversee it.
 */
@RestController
@RequestMapping("/api/accounting")
class ConsumptionController {

    private final ConsumptionQueries queries;
    private final Clock clock;

    ConsumptionController(ConsumptionQueries queries, Clock clock) {
        this.queries = queries;
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

    @GetMapping("/communities/{communityId}/consumption")
    CommunityConsumption community(Caller caller, @PathVariable String communityId,
            @RequestParam(required = false) @Nullable Instant from, @RequestParam(required = false) @Nullable Instant to) {
        caller.requireOversight(communityId);
        return queries.community(communityId, Period.of(from, to, clock));
    }
}
