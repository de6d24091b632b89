package org.communitycarbon.credits.integrity;

import org.communitycarbon.model.Require;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.audit.AuditedRead;
import org.communitycarbon.support.security.Allowed;
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
import jakarta.validation.constraints.Pattern;

/**
 * Recomputes the ledger's hash chains on request (docs/credits.md#tamper-evidence): for admins, and for a community's
 * property manager within their community.
 */
@RestController
@RequestMapping("/api/credits/communities/{communityId}")
class LedgerVerificationController {

    private final LedgerVerification verification;

    LedgerVerificationController(LedgerVerification verification) {
        this.verification = verification;
    }

    @AuditedRead
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER}, community = "communityId")
    @GetMapping("/ledger/verification")
    @Operation(summary = "Recompute the hash chains of a community's accounts and compare them with the latest checkpoint "
            + "(admin, the community's property manager)", description = """
                    Accounts in household order, at most `accounts` per call; `nextHousehold` in the answer is the `after` \
                    of the next call. `intact` is true when every chain checked hashes and links correctly, ends where its \
                    account row says, and passes through the head the latest checkpoint sealed; otherwise `firstMismatch` \
                    names the first entry (or account) that does not match, what was expected and what was found.""")
    ChainVerification community(@PathVariable String communityId,
            @Parameter(description = "verify the accounts after this household id") @RequestParam(required = false)
            @Pattern(regexp = Require.IDENTIFIER_PATTERN) @Nullable String after,
            @RequestParam(defaultValue = "500") @Min(1) @Max(5000) int accounts) {
        return verification.community(communityId, after, accounts);
    }

    @AuditedRead
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER}, community = "communityId")
    @GetMapping("/households/{householdId}/ledger/verification")
    @Operation(summary = "Recompute one account's hash chain and compare it with the latest checkpoint "
            + "(admin, the community's property manager)")
    ChainVerification household(@PathVariable String communityId, @PathVariable String householdId) {
        return verification.household(communityId, householdId);
    }
}
