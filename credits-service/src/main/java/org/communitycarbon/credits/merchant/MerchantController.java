package org.communitycarbon.credits.merchant;

import java.net.URI;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.credits.redemption.IdempotencyKey;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.NotFoundException;
import org.communitycarbon.support.web.PageView;
import org.springframework.http.HttpStatus;
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
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/**
 * Merchants: onboarded with their users by the community's property manager; a merchant's users debit households by
 * their scanned code ({@code /merchant/...}) and read their own receipts, nothing else.
 */
@RestController
@RequestMapping("/api/credits")
class MerchantController {

    /** A month, {@code 2026-12}. */
    static final String MONTH = "(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])";

    private final Merchants merchants;
    private final MerchantDebits debits;
    private final MerchantStatements statements;

    MerchantController(Merchants merchants, MerchantDebits debits, MerchantStatements statements) {
        this.merchants = merchants;
        this.debits = debits;
        this.statements = statements;
    }

    @PostMapping("/communities/{communityId}/merchants")
    @Operation(summary = "Onboard a merchant of the community", description = "The community's property manager and admins.")
    @ApiResponse(responseCode = "201", description = "Onboarded")
    @ApiResponse(responseCode = "409", description = "The community has a merchant of that name")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.ADMIN}, community = "communityId")
    ResponseEntity<MerchantView> onboard(Caller caller, @PathVariable String communityId, @Valid @RequestBody MerchantRequest request) {
        MerchantView merchant = merchants.onboard(communityId, request, by(caller));
        return ResponseEntity.created(URI.create("/api/credits/communities/" + communityId + "/merchants/" + merchant.id()))
                .body(merchant);
    }

    @GetMapping("/communities/{communityId}/merchants")
    @Operation(summary = "The community's merchants and their users", description = "The community's property team and admins.")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN}, community = "communityId")
    List<MerchantView> list(@PathVariable String communityId) {
        return merchants.list(communityId);
    }

    @PostMapping("/communities/{communityId}/merchants/{merchantId}/users")
    @Operation(summary = "Let a user act for the merchant",
            description = "The community's property manager and admins. The user's tokens carry the role MERCHANT and this "
                    + "subject; a user acts for one merchant at most.")
    @ApiResponse(responseCode = "404", description = "The community has no such merchant")
    @ApiResponse(responseCode = "409", description = "The user already acts for a merchant")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.ADMIN}, community = "communityId")
    MerchantView addUser(Caller caller, @PathVariable String communityId, @PathVariable UUID merchantId,
            @Valid @RequestBody MerchantUserRequest request) {
        return merchants.addUser(communityId, merchantId, request, by(caller))
                .orElseThrow(() -> new NotFoundException("No merchant " + merchantId + " in community " + communityId));
    }

    @GetMapping("/merchant")
    @Operation(summary = "The merchant the caller acts for", description = "Merchants' users.")
    @Allowed(Role.MERCHANT)
    MerchantView mine(Caller caller) {
        Merchants.Acting merchant = acting(caller);
        return merchants.find(merchant.communityId(), merchant.id()).orElseThrow();
    }

    @PostMapping("/merchant/debits")
    @Operation(summary = "Debit a household by its scanned code",
            description = "Merchants' users, for households of their merchant's community. The household is named by its "
                    + "scanned code or by the reference a resolution gave. One transaction takes the item (if any) from its "
                    + "stock and debits the household's balance with a ledger entry; neither ever goes below zero. Retrying "
                    + "with the same Idempotency-Key and the same request returns the first receipt with 200 and debits "
                    + "nothing; the same key with a different request is refused with 409. The receipt names the household's "
                    + "pseudonym, never its balance.")
    @ApiResponse(responseCode = "201", description = "Debited: the receipt",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = MerchantReceipt.class),
                    examples = @ExampleObject("""
                            {"id":"5d7e0c52-9f0e-4c1b-8a3e-2f1d0c9b8a7e","merchantId":"a1b2c3d4-0000-4000-8000-000000000001",
                             "merchantName":"Maple Court community supermarket","communityId":"maple-court","householdRef":"HH-1A2B3C4D",
                             "amount":800,"itemId":null,"debitedAt":"2026-12-02T02:15:00.123456Z","debitedBy":"merchant","reversedAt":null}""")))
    @ApiResponse(responseCode = "200", description = "Replay of an earlier request with the same key: nothing new debited",
            headers = @Header(name = IdempotencyKey.REPLAYED_HEADER, description = "true"))
    @ApiResponse(responseCode = "404", description = "No current household code of the merchant's community (forged, rotated, "
            + "revoked, another community's), or no such item")
    @ApiResponse(responseCode = "409", description = "Insufficient balance (code insufficient-balance, with the amount; never the "
            + "balance), out of stock (code out-of-stock), or the Idempotency-Key was used for a different request",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
                    examples = @ExampleObject("""
                            {"type":"about:blank","title":"Insufficient balance","status":409,
                             "detail":"The household does not have 800 credits","instance":"/api/credits/merchant/debits",
                             "code":"insufficient-balance","amount":800}""")))
    @Allowed(Role.MERCHANT)
    ResponseEntity<MerchantReceipt> debit(Caller caller,
            @Parameter(description = "New for each debit; send the same key again only to retry the same request",
                    schema = @Schema(pattern = "^[A-Za-z0-9_-]{1,64}$", maxLength = 64, example = "till-3-000187"))
            @RequestHeader(IdempotencyKey.HEADER) String idempotencyKey,
            @Valid @RequestBody DebitRequest request) {
        MerchantDebits.Outcome outcome = debits.debit(acting(caller), caller.subject(), idempotencyKey, request);
        if (outcome.replayed()) {
            return ResponseEntity.ok().header(IdempotencyKey.REPLAYED_HEADER, "true").body(outcome.receipt());
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(outcome.receipt());
    }

    @GetMapping("/merchant/debits")
    @Operation(summary = "The merchant's receipts, newest first", description = "Merchants' users: their merchant's debits only.")
    @Allowed(Role.MERCHANT)
    PageView<MerchantReceipt> receipts(Caller caller,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return debits.receipts(acting(caller).id(), page, size);
    }

    @PostMapping("/merchant/debits/{debitId}/reversal")
    @Operation(summary = "Give a debit back (a refund)",
            description = "Merchants' users, for their merchant's debits. The credits come back as a new "
                    + "MERCHANT_DEBIT_REVERSAL entry; the debit stays. Reversing again returns the receipt with 200.")
    @ApiResponse(responseCode = "201", description = "Reversed: the receipt with reversedAt")
    @ApiResponse(responseCode = "404", description = "The merchant has no such debit")
    @Allowed(Role.MERCHANT)
    ResponseEntity<MerchantReceipt> refund(Caller caller, @PathVariable UUID debitId, @Valid @RequestBody DebitReversalRequest request) {
        Merchants.Acting merchant = acting(caller);
        MerchantReceipt debit = debits.receipt(merchant.communityId(), merchant.id(), debitId)
                .orElseThrow(() -> new NotFoundException("Your merchant has no debit " + debitId));
        return reversed(debits.reverse(debit, request, by(caller)));
    }

    @PostMapping("/communities/{communityId}/merchant-debits/{debitId}/reversal")
    @Operation(summary = "Reverse a merchant debit",
            description = "The community's property manager and admins. The credits come back as a new "
                    + "MERCHANT_DEBIT_REVERSAL entry; the debit stays. Reversing again returns the receipt with 200.")
    @ApiResponse(responseCode = "201", description = "Reversed: the receipt with reversedAt")
    @ApiResponse(responseCode = "404", description = "The community has no such debit")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.ADMIN}, community = "communityId")
    ResponseEntity<MerchantReceipt> reverse(Caller caller, @PathVariable String communityId, @PathVariable UUID debitId,
            @Valid @RequestBody DebitReversalRequest request) {
        MerchantReceipt debit = debits.receipt(communityId, null, debitId)
                .orElseThrow(() -> new NotFoundException("No merchant debit " + debitId + " in community " + communityId));
        return reversed(debits.reverse(debit, request, by(caller)));
    }

    @GetMapping("/merchant/statements/{month}")
    @Operation(summary = "The merchant's statement of a month: its debits and reversals, with totals",
            description = "Merchants' users, for their merchant. The month is counted in the community's time zone.")
    @Allowed(Role.MERCHANT)
    MerchantStatement myStatement(Caller caller,
            @Parameter(example = "2026-12") @PathVariable @Pattern(regexp = MONTH) String month) {
        Merchants.Acting merchant = acting(caller);
        return statements.of(merchant.id(), merchant.name(), merchant.communityId(), YearMonth.parse(month));
    }

    @GetMapping("/communities/{communityId}/merchants/{merchantId}/statements/{month}")
    @Operation(summary = "A merchant's statement of a month, for settlement",
            description = "The community's property manager and admins. Debits and reversals within the month (in the "
                    + "community's time zone), their totals and the net the property company settles with the merchant.")
    @ApiResponse(responseCode = "404", description = "The community has no such merchant")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.ADMIN}, community = "communityId")
    MerchantStatement statement(@PathVariable String communityId, @PathVariable UUID merchantId,
            @Parameter(example = "2026-12") @PathVariable @Pattern(regexp = MONTH) String month) {
        MerchantView merchant = merchants.find(communityId, merchantId)
                .orElseThrow(() -> new NotFoundException("No merchant " + merchantId + " in community " + communityId));
        return statements.of(merchant.id(), merchant.name(), communityId, YearMonth.parse(month));
    }

    private static ResponseEntity<MerchantReceipt> reversed(MerchantDebits.Reversed reversed) {
        if (reversed.replayed()) {
            return ResponseEntity.ok().header(IdempotencyKey.REPLAYED_HEADER, "true").body(reversed.receipt());
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(reversed.receipt());
    }

    private Merchants.Acting acting(Caller caller) {
        return merchants.acting(caller).orElseThrow(() -> new AccessDeniedException(
                "You act for no merchant: the property manager adds a merchant's users"));
    }

    private static String by(Caller caller) {
        return caller.subject().isEmpty() ? "unknown" : caller.subject();
    }
}
