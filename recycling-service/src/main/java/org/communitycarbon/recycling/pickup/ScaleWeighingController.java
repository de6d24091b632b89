package org.communitycarbon.recycling.pickup;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * What a community's connected scales weighed (docs/recycling.md#connected-scales), applied or rejected with the reason —
 * including weighings for pickups the community does not have, which no pickup shows. A pickup's own weighings are in the
 * pickup, for whoever may see it.
 */
@RestController
@RequestMapping("/api/recycling")
class ScaleWeighingController {

    private final ScaleWeighings weighings;

    ScaleWeighingController(ScaleWeighings weighings) {
        this.weighings = weighings;
    }

    @GetMapping("/communities/{communityId}/scale-weighings")
    @Operation(summary = "A community's connected-scale weighings, newest first",
            description = "For the community's property manager and staff, and admins: every weighing its recycling-scale "
                    + "devices sent, once each, with what became of it — APPLIED to its pickup, or REJECTED with the reason "
                    + "(UNKNOWN_PICKUP, NOT_DISPATCHED, PICKUP_CLOSED, CATEGORY_NOT_PRICED, CATEGORY_NOT_TAKEN, CATEGORY_TOO_HEAVY).")
    PageView<ScaleWeighingView> ofCommunity(Caller caller, @PathVariable String communityId,
            @Parameter(description = "APPLIED or REJECTED; left out, both") @RequestParam(required = false) @Nullable ScaleWeighingOutcome outcome,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        caller.requireAnyRole(Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN);
        caller.requireOversight(communityId);
        return weighings.ofCommunity(communityId, outcome, page, size);
    }
}
