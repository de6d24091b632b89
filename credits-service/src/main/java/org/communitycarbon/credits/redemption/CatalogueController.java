package org.communitycarbon.credits.redemption;

import java.net.URI;
import java.util.UUID;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.NotFoundException;
import org.communitycarbon.support.web.PageView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * A community's catalogue: managed by its property manager (and admins), read by its residents, who see the items
 * they can redeem now, and by its property team and street office, who see all.
 */
@RestController
@RequestMapping("/api/credits/communities/{communityId}/catalogue")
class CatalogueController {

    private final Catalogue catalogue;

    CatalogueController(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping
    @Operation(summary = "The community's catalogue, ending soonest first",
            description = "For the community's residents (only the items that can be redeemed now), its property team "
                    + "and street office, and admins (every item, past and future too).")
    PageView<CatalogueItemView> list(Caller caller, @PathVariable String communityId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        caller.requireMembership(communityId);
        return catalogue.list(communityId, !caller.oversees(communityId), page, size);
    }

    @PostMapping
    @Operation(summary = "Add an item to the community's catalogue",
            description = "The community's property manager and admins. The price is in credits for one item; the stock "
                    + "is how many can be redeemed; the item can be redeemed from validFrom until (excluding) validUntil.")
    @ApiResponse(responseCode = "201", description = "Added")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.ADMIN}, community = "communityId")
    ResponseEntity<CatalogueItemView> add(@PathVariable String communityId, @Valid @RequestBody CatalogueItemRequest item) {
        CatalogueItemView added = catalogue.add(communityId, item);
        return ResponseEntity.created(URI.create("/api/credits/communities/" + communityId + "/catalogue/" + added.id()))
                .body(added);
    }

    @PutMapping("/{itemId}")
    @Operation(summary = "Change an item: its names, price, stock and validity window",
            description = "The community's property manager and admins. The stock given replaces the current one. "
                    + "Redemptions already made keep the price they were made at.")
    @ApiResponse(responseCode = "404", description = "The community has no such item")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.ADMIN}, community = "communityId")
    CatalogueItemView change(@PathVariable String communityId, @PathVariable UUID itemId,
            @Valid @RequestBody CatalogueItemRequest item) {
        return catalogue.change(communityId, itemId, item)
                .orElseThrow(() -> new NotFoundException("No catalogue item " + itemId + " in community " + communityId));
    }
}
