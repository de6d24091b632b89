package org.communitycarbon.ops.open311;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A community's Open311 partner keys (docs/open311.md, partner apps): its property manager or an admin issues them (the
 * key is in the answer, once), lists them without the key, revokes them. Every issue and revocation is in the audit log.
 */
@RestController
@RequestMapping("/api/ops/communities/{communityId}/open311/api-keys")
class PartnerKeyController {

    private final PartnerKeys keys;

    PartnerKeyController(PartnerKeys keys) {
        this.keys = keys;
    }

    /**
     * A key to issue.
     *
     * @param name who the key is for, 1 to 100 printable characters ("City FixMyStreet")
     * @param expiresAt when the key stops working; none for a key that works until revoked
     * @param dailyLimit requests the key may file a (UTC) day, 1 to 10,000; 200 by default
     */
    record NewPartnerKey(@NotBlank @Size(max = PartnerKeys.MAX_NAME) @Pattern(regexp = "[^\\p{Cntrl}]*") String name,
            @Nullable Instant expiresAt, @Nullable @Min(1) @Max(PartnerKeys.MAX_DAILY_LIMIT) Integer dailyLimit) {
    }

    @PostMapping
    @Operation(summary = "Issue an Open311 api_key for a partner app of the community (property manager, admin): the key is "
            + "in this answer only — only its hash is kept; name ≤ 100, optional expiresAt, dailyLimit 1..10000 (200)")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.ADMIN}, community = "communityId")
    ResponseEntity<PartnerKeys.IssuedKey> issue(Caller caller, @PathVariable String communityId,
            @Valid @RequestBody NewPartnerKey request) {
        return ResponseEntity.status(201).body(keys.issue(caller, communityId, request.name().strip(), request.expiresAt(),
                request.dailyLimit() == null ? PartnerKeys.DEFAULT_DAILY_LIMIT : request.dailyLimit()));
    }

    @GetMapping
    @Operation(summary = "The community's Open311 partner keys, newest first, revoked and expired ones too — never the key")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.ADMIN}, community = "communityId")
    List<PartnerKeys.PartnerKeyView> list(@PathVariable String communityId) {
        return keys.list(communityId);
    }

    @DeleteMapping("/{keyId}")
    @Operation(summary = "Revoke one of the community's Open311 partner keys: it stops working at once; it stays listed")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.ADMIN}, community = "communityId")
    PartnerKeys.PartnerKeyView revoke(Caller caller, @PathVariable String communityId, @PathVariable UUID keyId) {
        return keys.revoke(caller, communityId, keyId);
    }
}
