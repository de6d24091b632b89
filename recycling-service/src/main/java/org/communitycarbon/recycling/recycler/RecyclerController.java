package org.communitycarbon.recycling.recycler;

import java.net.URI;
import java.util.List;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

/** Onboarding recycling companies and their collectors; the companies serving a community. */
@RestController
@RequestMapping("/api/recycling")
class RecyclerController {

    private final Recyclers recyclers;

    RecyclerController(Recyclers recyclers) {
        this.recyclers = recyclers;
    }

    @PostMapping("/communities/{communityId}/recyclers")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.ADMIN}, community = "communityId")
    @Operation(summary = "Onboard a licensed recycling company serving the community",
            description = "The community's property manager, or an admin. The company takes the listed categories and is "
                    + "dispatched at most dailyCapacity pickups a day, across the communities it serves. 409 when its id or "
                    + "licence number is already registered: add that company to the community with PUT instead.")
    @ApiResponse(responseCode = "201", description = "Onboarded")
    ResponseEntity<RecyclerView> onboard(Caller caller, @PathVariable String communityId, @Valid @RequestBody RecyclerRequest request) {
        RecyclerView recycler = recyclers.onboard(communityId, request, caller);
        return ResponseEntity.created(URI.create("/api/recycling/communities/" + communityId + "/recyclers/" + recycler.id()))
                .body(recycler);
    }

    @PutMapping("/communities/{communityId}/recyclers/{recyclerId}")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.ADMIN}, community = "communityId")
    @Operation(summary = "Have a registered recycling company serve the community too",
            description = "The community's property manager, or an admin. Doing it again changes nothing.")
    RecyclerView serve(Caller caller, @PathVariable String communityId, @PathVariable String recyclerId) {
        return recyclers.serve(communityId, recyclerId, caller);
    }

    @GetMapping("/communities/{communityId}/recyclers")
    @Operation(summary = "The recycling companies serving the community",
            description = "For the community's property manager and staff, its street office, and admins.")
    List<RecyclerView> ofCommunity(Caller caller, @PathVariable String communityId) {
        caller.requireOversight(communityId);
        return recyclers.ofCommunity(communityId);
    }

    @PostMapping("/recyclers/{recyclerId}/collectors")
    @Allowed({Role.PROPERTY_MANAGER, Role.ADMIN})
    @Operation(summary = "Add a collector (or dispatcher) who acts for the recycling company",
            description = "The property manager of the community that onboarded the company, or an admin; 404 for other "
                    + "managers. The collector signs in with their own account, which has the role RECYCLER; from then on "
                    + "they see and act on the company's pickups only. A user acts for one company at most (409).")
    @ApiResponse(responseCode = "201", description = "Added")
    ResponseEntity<CollectorView> addCollector(Caller caller, @PathVariable String recyclerId,
            @Valid @RequestBody CollectorRequest request) {
        CollectorView collector = recyclers.addCollector(recyclerId, request, caller);
        return ResponseEntity.status(201).body(collector);
    }
}
