package org.communitycarbon.recycling.price;

import java.time.Clock;
import java.time.Instant;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.recycling.recycler.Recyclers;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** A community's recycling prices: published as versions by its property manager, read by its people and recyclers. */
@RestController
@RequestMapping("/api/recycling/communities/{communityId}/prices")
class PriceListController {

    private final PriceLists prices;
    private final Recyclers recyclers;
    private final Clock clock;

    PriceListController(PriceLists prices, Recyclers recyclers, Clock clock) {
        this.prices = prices;
        this.recyclers = recyclers;
        this.clock = clock;
    }

    @PostMapping
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.ADMIN}, community = "communityId")
    @Operation(summary = "Publish a new version of the community's prices, from a date",
            description = "The community's property manager, or an admin. A version prices every category (CNY per kg, "
                    + "and credits per kg, 300 by default as the accounting methodology's 0.3 kg CO2e per kg) and applies from "
                    + "a local date: today (from now on) or later, at most a year ahead. A published version is never edited: "
                    + "publish another, even for the same date, where the later one wins.")
    @ApiResponse(responseCode = "201", description = "Published")
    ResponseEntity<PriceListView> publish(Caller caller, @PathVariable String communityId,
            @Valid @RequestBody PriceListRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(prices.publish(communityId, request, caller));
    }

    @GetMapping
    @Allowed({Role.RESIDENT, Role.PROPERTY_MANAGER, Role.STAFF, Role.STREET_OFFICE, Role.ADMIN, Role.RECYCLER})
    @Operation(summary = "The prices in force in the community, now or at an instant",
            description = "For the community's residents, property team and street office, the recyclers serving it, and "
                    + "admins. Version 0 is the catalogue's example defaults, in force until the community publishes its own.")
    PriceListView inForce(Caller caller, @PathVariable String communityId,
            @Parameter(description = "An ISO-8601 instant; now when left out")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant at) {
        if (recyclers.companyIfRecycler(caller).filter(company -> recyclers.servesCommunity(company, communityId)).isEmpty()) {
            caller.requireMembership(communityId);
        }
        return prices.inForce(communityId, at == null ? clock.instant() : at);
    }

    @GetMapping("/versions")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.STAFF, Role.STREET_OFFICE, Role.ADMIN}, community = "communityId")
    @Operation(summary = "Every published version of the community's prices, newest first",
            description = "For the community's property team and street office, and admins.")
    PageView<PriceListView> versions(@PathVariable String communityId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return prices.versions(communityId, page, size);
    }
}
