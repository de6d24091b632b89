package org.communitycarbon.recycling.pickup;

import java.util.UUID;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.recycling.recycler.Recyclers;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The steps of a pickup after it is booked (docs/recycling.md): the recycler's collectors see their company's orders
 * and accept, set out and collect them; the resident or the recycler cancels with a reason; the property manager
 * assigns or reassigns. A step impossible from the booking's status is refused with 409; a booking the caller may not
 * act on is not found (404).
 */
@RestController
@RequestMapping("/api/recycling")
class PickupStepController {

    private final PickupLifecycle lifecycle;
    private final PickupBookings bookings;
    private final Recyclers recyclers;

    PickupStepController(PickupLifecycle lifecycle, PickupBookings bookings, Recyclers recyclers) {
        this.lifecycle = lifecycle;
        this.bookings = bookings;
        this.recyclers = recyclers;
    }

    @GetMapping("/recycler/pickups")
    @Operation(summary = "The pickups dispatched to the caller's recycling company, newest first",
            description = "Recyclers' collectors only, and only their own company's orders, in every community it serves.")
    PageView<PickupView> ofMyCompany(Caller caller,
            @RequestParam(required = false) @Nullable PickupStatus status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        caller.requireAnyRole(Role.RECYCLER);
        return bookings.ofRecycler(recyclers.companyOf(caller), status, page, size);
    }

    @PostMapping("/pickups/{id}/accept")
    @Allowed(Role.RECYCLER)
    @Operation(summary = "The recycler takes a pickup dispatched to it", description = "From DISPATCHED to ACCEPTED.")
    @ApiResponse(responseCode = "409", description = "The pickup is not DISPATCHED",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    PickupView accept(Caller caller, @PathVariable UUID id) {
        return lifecycle.byRecycler(id, PickupAction.ACCEPT, caller);
    }

    @PostMapping("/pickups/{id}/depart")
    @Allowed(Role.RECYCLER)
    @Operation(summary = "A collector sets out for the pickup", description = "From ACCEPTED to ON_THE_WAY.")
    @ApiResponse(responseCode = "409", description = "The pickup is not ACCEPTED",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    PickupView depart(Caller caller, @PathVariable UUID id) {
        return lifecycle.byRecycler(id, PickupAction.DEPART, caller);
    }

    @PostMapping("/pickups/{id}/collect")
    @Allowed(Role.RECYCLER)
    @Operation(summary = "The collector has collected and weighed the goods at the door; the pickup is settled",
            description = "From ON_THE_WAY to COLLECTED, with the weight of each category (up to 20, each once, booked or taken "
                    + "by the recycler; above 0 and at most 1000 kg, 3 decimals) and what the community's connected scales "
                    + "weighed for the pickup (its scaleWeighings APPLIED, summed per category): items may be left out when a "
                    + "scale weighed the goods, and a category a scale weighed is refused in items (400 naming it), so nothing "
                    + "counts twice; neither items nor weighings is 400 naming items. The community's price version in force "
                    + "now prices them, and the household is paid in cash or credits: the settlement given here, else the one "
                    + "chosen when booking (400 naming settlement when neither).")
    @ApiResponse(responseCode = "409", description = "The pickup is not ON_THE_WAY",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    PickupView collect(Caller caller, @PathVariable UUID id, @Valid @RequestBody CollectRequest request) {
        return lifecycle.collect(id, request, caller);
    }

    @PostMapping("/pickups/{id}/cancel")
    @Allowed({Role.RESIDENT, Role.RECYCLER})
    @Operation(summary = "Cancel a pickup, with a reason",
            description = "Its household's resident, before it is collected, or the recycler it is dispatched to.")
    @ApiResponse(responseCode = "409", description = "The pickup is already collected or cancelled",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    PickupView cancel(Caller caller, @PathVariable UUID id, @Valid @RequestBody CancelRequest request) {
        return lifecycle.cancel(id, caller, request.reason());
    }

    @PostMapping("/pickups/{id}/rating")
    @Allowed(Role.RESIDENT)
    @Operation(summary = "The resident rates a collected pickup, once",
            description = "Its household's resident only (404 for others): 1 to 5 stars and an optional comment of up to 500 "
                    + "characters. The stars count in the recycler's performance; the comment is erased with the resident's "
                    + "personal data.")
    @ApiResponse(responseCode = "409", description = "The pickup is not collected, or already rated",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    PickupView rate(Caller caller, @PathVariable UUID id, @Valid @RequestBody RatingRequest request) {
        return lifecycle.rate(id, caller, request.stars(), request.comment());
    }

    @PostMapping("/pickups/{id}/assign")
    @Allowed({Role.PROPERTY_MANAGER, Role.ADMIN})
    @Operation(summary = "Assign, or reassign, a pickup to a recycler",
            description = "The property manager of the pickup's community, or an admin; 404 for others. The recycler must "
                    + "serve the community and take all of the pickup's categories (400 naming recyclerId otherwise); its "
                    + "daily capacity is the manager's call. Possible until a collector sets out (409 after).")
    @ApiResponse(responseCode = "409", description = "A collector has set out, or the pickup is collected or cancelled",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    PickupView assign(Caller caller, @PathVariable UUID id, @Valid @RequestBody AssignRequest request) {
        return lifecycle.assign(id, caller, request.recyclerId(), request.reason());
    }
}
