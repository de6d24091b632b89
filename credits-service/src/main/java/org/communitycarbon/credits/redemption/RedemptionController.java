package org.communitycarbon.credits.redemption;

import java.net.URI;
import java.util.UUID;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.audit.AuditedRead;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.NotFoundException;
import org.communitycarbon.support.web.PageView;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Redemptions: a resident redeems for their own household ({@code /me}) and reads their receipts; the community's
 * property manager (and admins) reads one and reverses it.
 */
@RestController
@RequestMapping("/api/credits")
class RedemptionController {

    private final Redemptions redemptions;

    RedemptionController(Redemptions redemptions) {
        this.redemptions = redemptions;
    }

    @PostMapping("/me/redemptions")
    @Operation(summary = "Redeem an item of the caller's community's catalogue",
            description = "Residents only, for their own household. One transaction decrements the item's stock and debits "
                    + "the household's balance with a ledger entry; neither ever goes below zero. Retrying with the same "
                    + "Idempotency-Key and the same request returns the first receipt with 200 and debits nothing; the same "
                    + "key with a different request is refused with 409.")
    @ApiResponse(responseCode = "201", description = "Redeemed: the receipt",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Receipt.class),
                    examples = @ExampleObject("""
                            {"id":"0b6f9f5e-6a0e-4f4b-9d0c-1f2e3d4c5b6a","communityId":"maple-court","householdId":"b01-0101",
                             "itemId":"6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f","itemNameZh":"五常大米 5 公斤","itemNameEn":"Wuchang rice, 5 kg",
                             "kind":"MERCHANT_GOODS","quantity":1,"credits":5000,"balanceAfter":1250,
                             "redeemedAt":"2026-12-02T02:15:00.123456Z","entryId":"a445cc34-3301-398e-a5f8-fc0c724dbc70","reversedAt":null}""")))
    @ApiResponse(responseCode = "200", description = "Replay of an earlier request with the same key: nothing new debited",
            headers = @Header(name = IdempotencyKey.REPLAYED_HEADER, description = "true"))
    @ApiResponse(responseCode = "404", description = "The caller's community has no such item")
    @ApiResponse(responseCode = "409", description = "Insufficient balance (code insufficient-balance, with balance and price), "
            + "out of stock (code out-of-stock, with stock and quantity), or the Idempotency-Key was used for a different request",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
                    examples = @ExampleObject("""
                            {"type":"about:blank","title":"Insufficient balance","status":409,
                             "detail":"The household has 1200 credits; this redemption needs 5000","instance":"/api/credits/me/redemptions",
                             "code":"insufficient-balance","balance":1200,"price":5000}""")))
    @ApiResponse(responseCode = "422", description = "The item cannot be redeemed now (code outside-validity-window, with "
            + "validFrom and validUntil)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @Allowed(Role.RESIDENT)
    ResponseEntity<Receipt> redeem(Caller caller,
            @Parameter(description = "New for each redemption; send the same key again only to retry the same request",
                    schema = @Schema(pattern = "^[A-Za-z0-9_-]{1,64}$", maxLength = 64, example = "3f6c2a7e-5b1d-4e0a-9c1b-7d2f8e4a6b10"))
            @RequestHeader(IdempotencyKey.HEADER) String idempotencyKey,
            @Valid @RequestBody RedeemRequest request) {
        Caller.ResidentScope household = caller.requireResident();
        Redemptions.Outcome outcome = redemptions.redeem(household, idempotencyKey, request);
        if (outcome.replayed()) {
            return ResponseEntity.ok().header(IdempotencyKey.REPLAYED_HEADER, "true").body(outcome.receipt());
        }
        return ResponseEntity.created(URI.create("/api/credits/communities/" + household.communityId() + "/redemptions/"
                + outcome.receipt().id())).body(outcome.receipt());
    }

    @GetMapping("/me/redemptions")
    @Operation(summary = "The caller's household's receipts, newest first", description = "Residents only.")
    PageView<Receipt> mine(Caller caller,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return redemptions.receipts(caller.requireResident(), page, size);
    }

    @AuditedRead
    @GetMapping("/communities/{communityId}/redemptions/{redemptionId}")
    @Operation(summary = "One redemption's receipt",
            description = "For its household, the community's property team, and admins; another household of the community "
                    + "gets 404, so nobody learns whether a neighbour's redemption exists; anyone else 403.")
    Receipt one(Caller caller, @PathVariable String communityId, @PathVariable UUID redemptionId) {
        if (!caller.holds(Role.RESIDENT, communityId, null) && !caller.holds(Role.PROPERTY_MANAGER, communityId, null)
                && !caller.holds(Role.STAFF, communityId, null) && !caller.holds(Role.ADMIN, communityId, null)) {
            throw new org.springframework.security.access.AccessDeniedException("Redemptions of community " + communityId
                    + " are for its residents and property team");
        }
        Receipt receipt = redemptions.receipt(communityId, redemptionId).orElseThrow(() -> notFound(redemptionId));
        try {
            caller.requireHousehold(receipt.communityId(), receipt.householdId());
        }
        catch (org.springframework.security.access.AccessDeniedException outsideScope) {
            throw notFound(redemptionId);
        }
        return receipt;
    }

    @PostMapping("/communities/{communityId}/redemptions/{redemptionId}/reversal")
    @Operation(summary = "Reverse a redemption",
            description = "The community's property manager and admins. The credits come back to the household as a new "
                    + "REDEMPTION_REVERSAL ledger entry and the item's stock is restored; the redemption and its debit stay "
                    + "as they were. Reversing again returns the first reversal with 200.")
    @ApiResponse(responseCode = "201", description = "Reversed")
    @ApiResponse(responseCode = "200", description = "Already reversed: the first reversal, nothing new credited",
            headers = @Header(name = IdempotencyKey.REPLAYED_HEADER, description = "true"))
    @ApiResponse(responseCode = "404", description = "The community has no such redemption")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.ADMIN}, community = "communityId")
    ResponseEntity<Reversal> reverse(Caller caller, @PathVariable String communityId, @PathVariable UUID redemptionId,
            @Valid @RequestBody ReversalRequest request) {
        Redemptions.ReversalOutcome outcome = redemptions.reverse(communityId, redemptionId, request, caller);
        if (outcome.replayed()) {
            return ResponseEntity.ok().header(IdempotencyKey.REPLAYED_HEADER, "true").body(outcome.reversal());
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(outcome.reversal());
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("No redemption " + id);
    }
}
