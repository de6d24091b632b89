package org.communitycarbon.recycling.tool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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

/** Shared tools (docs/recycling.md#shared-tools): the community's tools, their calendar, bookings, pick-up and return. */
@RestController
@RequestMapping("/api/recycling")
class ToolController {

    private final SharedTools tools;
    private final Clock clock;

    ToolController(SharedTools tools, Clock clock) {
        this.tools = tools;
        this.clock = clock;
    }

    @PostMapping("/communities/{communityId}/tools")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.ADMIN}, community = "communityId")
    @Operation(summary = "Add a tool the community lends", description = "The community's property manager, or an admin.")
    @ApiResponse(responseCode = "201", description = "Added")
    ResponseEntity<ToolView> add(Caller caller, @PathVariable String communityId, @Valid @RequestBody ToolRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(tools.add(communityId, request, caller));
    }

    @GetMapping("/communities/{communityId}/tools")
    @Allowed(value = {Role.RESIDENT, Role.PROPERTY_MANAGER, Role.STAFF, Role.STREET_OFFICE, Role.ADMIN}, community = "communityId")
    @Operation(summary = "The tools the community lends, by name",
            description = "For the community's residents, property team and street office, and admins.")
    List<ToolView> ofCommunity(@PathVariable String communityId) {
        return tools.ofCommunity(communityId);
    }

    @PostMapping("/tools/{toolId}/bookings")
    @Allowed(Role.RESIDENT)
    @Operation(summary = "Book a tool of the caller's community for their household",
            description = "Residents only; a tool of another community is not found. From 'from' to 'until': not in the past, "
                    + "at most 7 days long, starting within 60 days; a household holds at most 3 bookings not yet returned. A tool "
                    + "with a deposit is AWAITING_DEPOSIT until the credits service holds it, then BOOKED, or DEPOSIT_REFUSED "
                    + "with the reason in depositNote.")
    @ApiResponse(responseCode = "201", description = "Booked")
    @ApiResponse(responseCode = "409", description = "The period overlaps another booking of the tool (the problem names it), "
            + "or the household holds as many bookings as allowed",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<ToolBookingView> book(Caller caller, @PathVariable UUID toolId, @Valid @RequestBody ToolBookingRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(tools.book(toolId, request, caller));
    }

    @GetMapping("/tools/{toolId}/bookings")
    @Allowed({Role.RESIDENT, Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN})
    @Operation(summary = "A tool's calendar: its bookings not yet returned nor cancelled, by start",
            description = "For the residents and property team of the tool's community, and admins; not found for others. "
                    + "Which household booked is shown to that household and the property team only. From 'from' (now by "
                    + "default) to 'until' (60 days later by default), at most 200 bookings.")
    List<ToolBookingView> calendar(Caller caller, @PathVariable UUID toolId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant until) {
        Instant start = from == null ? clock.instant() : from;
        Instant end = until == null ? start.plus(Duration.ofDays(60)) : until;
        if (!end.isAfter(start)) {
            throw new ContractViolation("until", "must be after from (" + start + "), was " + end);
        }
        return tools.calendar(toolId, caller, start, end);
    }

    @PostMapping("/tool-bookings/{bookingId}/cancel")
    @Allowed({Role.RESIDENT, Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN})
    @Operation(summary = "Cancel a tool booking not yet picked up",
            description = "The household that booked it, or the property team of its community; not found for others.")
    @ApiResponse(responseCode = "409", description = "Already picked up, returned or cancelled",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    ToolBookingView cancel(Caller caller, @PathVariable UUID bookingId) {
        return tools.cancel(bookingId, caller);
    }

    @PostMapping("/tool-bookings/{bookingId}/pick-up")
    @Allowed({Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN})
    @Operation(summary = "The property office hands the tool over",
            description = "The property team of the booking's community; from BOOKED to PICKED_UP, before the booking ends.")
    @ApiResponse(responseCode = "409", description = "Not BOOKED, or the booking has ended",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    ToolBookingView pickUp(Caller caller, @PathVariable UUID bookingId) {
        return tools.pickUp(bookingId, caller);
    }

    @PostMapping("/tool-bookings/{bookingId}/return")
    @Allowed({Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN})
    @Operation(summary = "The property office takes the tool back",
            description = "The property team of the booking's community; from PICKED_UP to RETURNED (overdue when after 'until').")
    @ApiResponse(responseCode = "409", description = "Not PICKED_UP",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    ToolBookingView giveBack(Caller caller, @PathVariable UUID bookingId) {
        return tools.giveBack(bookingId, caller);
    }

    @PostMapping("/tool-bookings/{bookingId}/forfeit")
    @Allowed({Role.PROPERTY_MANAGER, Role.ADMIN})
    @Operation(summary = "The tool was lost, or came back damaged: the deposit is kept for the community",
            description = "The property manager of the booking's community, or an admin; from PICKED_UP to FORFEITED. The "
                    + "held deposit moves to the community's account in credits, the reason on the ledger entry and the booking.")
    @ApiResponse(responseCode = "409", description = "Not PICKED_UP",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    ToolBookingView forfeit(Caller caller, @PathVariable UUID bookingId, @Valid @RequestBody ForfeitRequest request) {
        return tools.forfeit(bookingId, request.reason(), caller);
    }
}
