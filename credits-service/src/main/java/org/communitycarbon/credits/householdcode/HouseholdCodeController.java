package org.communitycarbon.credits.householdcode;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

/**
 * Household codes: the resident fetches, rotates and revokes their own ({@code /me}); the property manager rotates and
 * revokes a household's (a lost card); merchants and the property team resolve a scanned code.
 */
@RestController
@RequestMapping("/api/credits")
class HouseholdCodeController {

    private final HouseholdCodes codes;
    private final MerchantScope merchants;

    HouseholdCodeController(HouseholdCodes codes, MerchantScope merchants) {
        this.codes = codes;
        this.merchants = merchants;
    }

    @GetMapping("/me/household-code")
    @Operation(summary = "The caller's household code (一户一码) as a QR payload",
            description = "Residents only. Issued on first use; the same until it is rotated or revoked. The payload is "
                    + "signed and carries a random code id, never the household id.")
    @ApiResponse(responseCode = "200", description = "The current code", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            examples = @ExampleObject("""
                    {"code":"CC1.q2Jm7Jw3c0G8T1bq4C1yJA.9dYQ3xg0mJx3m3V2r2zF0m6x0f5O9cT3bVv1yS1qk2E","communityId":"maple-court",
                     "householdRef":"HH-1A2B3C4D","issuedAt":"2026-12-02T02:15:00.123456Z"}""")))
    @Allowed(Role.RESIDENT)
    CodeView mine(Caller caller) {
        Caller.ResidentScope me = caller.requireResident();
        return codes.current(me.communityId(), me.householdId(), by(caller));
    }

    @PostMapping("/me/household-code/rotation")
    @Operation(summary = "Replace the caller's household code with a new one",
            description = "Residents only. The old code stops resolving at once.")
    @ApiResponse(responseCode = "201", description = "The new code")
    @Allowed(Role.RESIDENT)
    ResponseEntity<CodeView> rotateMine(Caller caller) {
        Caller.ResidentScope me = caller.requireResident();
        return ResponseEntity.status(HttpStatus.CREATED).body(codes.rotate(me.communityId(), me.householdId(), by(caller)));
    }

    @PostMapping("/me/household-code/revocation")
    @Operation(summary = "Revoke the caller's household code (a lost phone or card)",
            description = "Residents only. The code stops resolving at once; the next fetch issues a new one.")
    @ApiResponse(responseCode = "404", description = "The household has no current code")
    @Allowed(Role.RESIDENT)
    Map<String, Instant> revokeMine(Caller caller) {
        Caller.ResidentScope me = caller.requireResident();
        return revoked(codes.revoke(me.communityId(), me.householdId(), by(caller)), me.householdId());
    }

    @PostMapping("/communities/{communityId}/households/{householdId}/household-code/rotation")
    @Operation(summary = "Replace a household's code (a new card)",
            description = "The community's property manager and admins. The old code stops resolving at once.")
    @ApiResponse(responseCode = "201", description = "The new code, to print on the household's card")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.ADMIN}, community = "communityId")
    ResponseEntity<CodeView> rotate(Caller caller, @PathVariable String communityId, @PathVariable String householdId) {
        return ResponseEntity.status(HttpStatus.CREATED).body(codes.rotate(communityId, householdId, by(caller)));
    }

    @PostMapping("/communities/{communityId}/households/{householdId}/household-code/revocation")
    @Operation(summary = "Revoke a household's code (a lost card or phone)",
            description = "The community's property manager and admins. The code stops resolving at once.")
    @ApiResponse(responseCode = "404", description = "The household has no current code")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.ADMIN}, community = "communityId")
    Map<String, Instant> revoke(Caller caller, @PathVariable String communityId, @PathVariable String householdId) {
        return revoked(codes.revoke(communityId, householdId, by(caller)), householdId);
    }

    @PostMapping("/household-codes/resolve")
    @Operation(summary = "Resolve a scanned household code to a reference a debit can use",
            description = "A merchant of the code's community, its property manager and staff, admins. The answer names the "
                    + "community and the household's pseudonym, never the household, its balance or its history. A code that "
                    + "is forged, rotated, revoked or of another community answers 404 alike.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject("""
            {"reference":"CCR1.kq3s...","communityId":"maple-court","householdRef":"HH-1A2B3C4D","expiresAt":"2026-12-02T02:25:00Z"}""")))
    @ApiResponse(responseCode = "404", description = "No current code of a community the caller serves")
    @Allowed({Role.MERCHANT, Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN})
    Resolution resolve(Caller caller, @Valid @RequestBody ResolveRequest request) {
        codes.byCode(request.code())
                .filter(household -> serves(caller, household.communityId()))
                .orElseThrow(() -> new NotFoundException("No current household code of a community you serve"));
        return codes.resolution(request.code(), caller.subject());
    }

    /** Whether the caller may resolve a code of this community. */
    private boolean serves(Caller caller, String communityId) {
        return caller.holds(Role.ADMIN, communityId, null) || caller.holds(Role.PROPERTY_MANAGER, communityId, null)
                || caller.holds(Role.STAFF, communityId, null)
                || (caller.has(Role.MERCHANT) && merchants.communityOf(caller).filter(communityId::equals).isPresent());
    }

    private static Map<String, Instant> revoked(Optional<Instant> at, String householdId) {
        return Map.of("revokedAt", at.orElseThrow(() -> new NotFoundException("Household " + householdId + " has no current code")));
    }

    private static String by(Caller caller) {
        return caller.subject().isEmpty() ? "unknown" : caller.subject();
    }
}
