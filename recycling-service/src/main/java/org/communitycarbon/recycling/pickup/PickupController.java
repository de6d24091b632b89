package org.communitycarbon.recycling.pickup;

import java.net.URI;
import java.util.UUID;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.recycling.recycler.Recyclers;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.NotFoundException;
import org.communitycarbon.support.web.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Pickup bookings. A resident books for their own household and reads their own bookings; a booking read
 * by id is shown to its household, its community's property manager and staff, and admins, and is "not
 * found" for everyone else; a community's list is for its property manager and staff.
 */
@RestController
@RequestMapping("/api/recycling")
class PickupController {

    /** Set on a 200 answer that returns the booking an earlier request with the same key made. */
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final PickupBookings bookings;
    private final Recyclers recyclers;

    PickupController(PickupBookings bookings, Recyclers recyclers) {
        this.bookings = bookings;
        this.recyclers = recyclers;
    }

    @PostMapping("/pickups")
    @Operation(summary = "Book a free door-to-door pickup for the caller's household",
            description = "Residents only; the household and community are the caller's. A recycler is due to be "
                    + "dispatched within 1 hour and at the door within 24 hours (or by the end of a later preferred "
                    + "window). Retrying with the same Idempotency-Key and the same request returns the first booking "
                    + "with 200; the same key with a different request is refused with 409.")
    @ApiResponse(responseCode = "201", description = "Booked",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The booking's URI"))
    @ApiResponse(responseCode = "200", description = "Replay of an earlier request with the same key: nothing new booked",
            headers = @Header(name = REPLAYED_HEADER, description = "true"))
    @ApiResponse(responseCode = "409", description = "The Idempotency-Key was used for a different request, or the household "
            + "has as many bookings waiting for a recycler as allowed (5 by default; the problem's limit is \"open\")",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "429", description = "The household booked as many pickups within a day as allowed (3 by default; "
            + "the problem's limit is \"per-window\"); Retry-After says in how many seconds the next can be booked",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds until a booking is possible again"),
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @Allowed(Role.RESIDENT)
    ResponseEntity<PickupView> book(Caller caller,
            @Parameter(description = "New for each booking; send the same key again only to retry the same request",
                    schema = @Schema(pattern = "^[A-Za-z0-9_-]{1,64}$", maxLength = 64, example = "3f6c2a7e-5b1d-4e0a-9c1b-7d2f8e4a6b10"))
            @RequestHeader(IdempotencyKey.HEADER) String idempotencyKey,
            @Valid @RequestBody PickupRequest request) {
        Caller.ResidentScope resident = caller.requireResident();
        PickupBookings.Booking booking = bookings.book(resident, caller.subject(), idempotencyKey, request);
        if (booking.replayed()) {
            return ResponseEntity.ok().header(REPLAYED_HEADER, "true").body(booking.view());
        }
        return ResponseEntity.created(URI.create("/api/recycling/pickups/" + booking.view().id())).body(booking.view());
    }

    @GetMapping("/pickups")
    @Operation(summary = "The caller's household's bookings, newest first", description = "Residents only.")
    PageView<PickupView> mine(Caller caller,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        Caller.ResidentScope me = caller.requireResident();
        return bookings.ofHousehold(me.communityId(), me.householdId(), page, size);
    }

    @GetMapping("/pickups/{id}")
    @Operation(summary = "One booking",
            description = "For its household, its community's property manager and staff, the recycler it is dispatched "
                    + "to, and admins; 404 for anyone else, so nobody learns whether another household's booking exists.")
    PickupView one(Caller caller, @PathVariable UUID id) {
        PickupView booking = bookings.find(id).orElseThrow(() -> notFound(id));
        if (booking.recyclerId() != null && recyclers.companyIfRecycler(caller).filter(booking.recyclerId()::equals).isPresent()) {
            return booking;
        }
        try {
            caller.requireHousehold(booking.communityId(), booking.householdId());
        }
        catch (AccessDeniedException outsideScope) {
            throw notFound(id);
        }
        return booking;
    }

    @GetMapping("/communities/{communityId}/pickups")
    @Operation(summary = "A community's bookings, newest first",
            description = "For the community's property manager and staff, and admins. Bookings carry addresses and "
                    + "notes, so a street office, which sees aggregates, gets 403.")
    PageView<PickupView> community(Caller caller, @PathVariable String communityId,
            @RequestParam(required = false) @Nullable PickupStatus status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        caller.requireAnyRole(Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN);
        caller.requireOversight(communityId);
        return bookings.ofCommunity(communityId, status, page, size);
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("No pickup booking " + id);
    }
}
