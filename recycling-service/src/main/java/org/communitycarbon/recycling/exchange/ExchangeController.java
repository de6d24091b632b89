package org.communitycarbon.recycling.exchange;

import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.jspecify.annotations.Nullable;
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

/** The second-hand exchange (docs/recycling.md#second-hand-exchange). */
@RestController
@RequestMapping("/api/recycling")
class ExchangeController {

    /** Where a listing stands. */
    enum ListingStatus {
        OPEN, RESERVED, HANDED_OVER, WITHDRAWN, REMOVED
    }

    private final Exchange exchange;

    ExchangeController(Exchange exchange) {
        this.exchange = exchange;
    }

    @PostMapping("/exchange/listings")
    @Allowed(Role.RESIDENT)
    @Operation(summary = "List an item on the community's second-hand exchange",
            description = "Residents only, for their own community: title, description, condition, up to 5 photo references "
                    + "and the credits asked (0 for free).")
    @ApiResponse(responseCode = "201", description = "Listed")
    ResponseEntity<ListingView> list(Caller caller, @Valid @RequestBody ListingRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(exchange.list(request, caller));
    }

    @GetMapping("/communities/{communityId}/exchange/listings")
    @Allowed(value = {Role.RESIDENT, Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN}, community = "communityId")
    @Operation(summary = "The community's exchange listings, newest first",
            description = "For its residents and property team, and admins; at most 200. The owner's household is shown to "
                    + "the owner and the property team only.")
    List<ListingView> ofCommunity(Caller caller, @PathVariable String communityId,
            @RequestParam(required = false) @Nullable ListingStatus status) {
        return exchange.ofCommunity(communityId, status == null ? null : status.name(), caller);
    }

    @PostMapping("/exchange/listings/{listingId}/requests")
    @Allowed(Role.RESIDENT)
    @Operation(summary = "Ask for a listed item", description = "A resident of the listing's community, not its owner, while it "
            + "is OPEN; once per household.")
    @ApiResponse(responseCode = "201", description = "Asked")
    @ApiResponse(responseCode = "409", description = "Own listing, not OPEN, or asked already",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<ExchangeRequestView> request(Caller caller, @PathVariable UUID listingId,
            @Valid @RequestBody ExchangeRequestBody request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(exchange.request(listingId, request.message(), caller));
    }

    @GetMapping("/exchange/listings/{listingId}/requests")
    @Allowed({Role.RESIDENT, Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN})
    @Operation(summary = "The requests for a listing", description = "Its owner and the property team of its community; not "
            + "found for others.")
    List<ExchangeRequestView> requests(Caller caller, @PathVariable UUID listingId) {
        return exchange.requests(listingId, caller);
    }

    @PostMapping("/exchange/requests/{requestId}/accept")
    @Allowed(Role.RESIDENT)
    @Operation(summary = "The owner accepts a request: the listing is reserved for that household",
            description = "The listing's owner only (not found for others), while the listing is OPEN.")
    @ApiResponse(responseCode = "409", description = "The listing is not OPEN",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    ListingView accept(Caller caller, @PathVariable UUID requestId) {
        return exchange.accept(requestId, caller);
    }

    @PostMapping("/exchange/listings/{listingId}/hand-over")
    @Allowed(Role.RESIDENT)
    @Operation(summary = "The owner has handed the item over: the listing is closed",
            description = "The listing's owner only, once a request is accepted (RESERVED). A free listing is HANDED_OVER at "
                    + "once; one asking credits asks the credits service to transfer them from the requesting household "
                    + "(paymentState REQUESTED) and is HANDED_OVER once they moved, or stays RESERVED with paymentState REFUSED "
                    + "and the reason in paymentNote.")
    @ApiResponse(responseCode = "409", description = "The listing is not RESERVED, or its credits are being transferred",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    ListingView handOver(Caller caller, @PathVariable UUID listingId) {
        return exchange.handOver(listingId, caller);
    }

    @PostMapping("/exchange/listings/{listingId}/close")
    @Allowed({Role.RESIDENT, Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN})
    @Operation(summary = "Withdraw a listing (its owner) or remove it (the property team, moderating), with a reason",
            description = "Before the hand-over; not found for anyone else.")
    @ApiResponse(responseCode = "409", description = "Already handed over or closed",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    ListingView close(Caller caller, @PathVariable UUID listingId, @Valid @RequestBody CloseRequest request) {
        return exchange.close(listingId, request.reason(), caller);
    }
}
