package org.communitycarbon.sensing.credentials;

import java.net.URI;
import java.util.List;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.sensing.registry.RegistryAccess;
import org.communitycarbon.support.audit.AuditedRead;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * MQTT accounts of a community's devices and gateways, for its property manager and admins; staff read the list.
 * A secret is in the answer that issues it (create, rotate) and nowhere else.
 */
@RestController
@AuditedRead
@RequestMapping("/api/sensing/communities/{communityId}/mqtt-accounts")
@Validated
class MqttAccountController {

    /**
     * @param kind {@code device} or {@code gateway}
     * @param name the device's id (registered and active), or a name for the gateway
     */
    record NewAccount(@Nullable String kind, @Nullable String name) {
    }

    private final MqttAccounts accounts;

    MqttAccountController(MqttAccounts accounts) {
        this.accounts = accounts;
    }

    @Operation(summary = "The community's MQTT accounts, without secrets")
    @GetMapping
    List<MqttAccount> list(Caller caller, @PathVariable String communityId, @RequestParam(required = false) @Nullable String kind,
            @RequestParam(defaultValue = "0") @Min(0) int page, @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        RegistryAccess.requireRead(caller, communityId);
        return accounts.list(communityId, kind == null ? null : AccountKind.ofSlug(kind, "kind"), page * size, size);
    }

    @Operation(summary = "Creates the MQTT account of a device or gateway; the answer holds its password, shown only this once")
    @PostMapping
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER}, community = "communityId")
    ResponseEntity<IssuedSecret> create(Caller caller, @PathVariable String communityId, @RequestBody NewAccount body) {
        RegistryAccess.requireWrite(caller, communityId);
        if (body.kind() == null) {
            throw new org.communitycarbon.model.ContractViolation("kind", "is required: device or gateway");
        }
        AccountKind kind = AccountKind.ofSlug(body.kind(), "kind");
        IssuedSecret issued = accounts.create(communityId, kind, body.name() == null ? "" : body.name());
        return ResponseEntity.created(URI.create(path(communityId, kind, issued.account().name()))).body(issued);
    }

    @Operation(summary = "An MQTT account, without its secret")
    @GetMapping("/{kind}/{name}")
    MqttAccount account(Caller caller, @PathVariable String communityId, @PathVariable String kind, @PathVariable String name) {
        RegistryAccess.requireRead(caller, communityId);
        AccountKind accountKind = AccountKind.ofSlug(kind, "kind");
        return accounts.find(communityId, accountKind, name)
                .orElseThrow(() -> new NotFoundException("No MQTT account for " + kind + " " + name + " in " + communityId));
    }

    @Operation(summary = "Issues a new password (shown only this once); the old one stops working, and a revoked account works again")
    @PostMapping("/{kind}/{name}/rotation")
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER}, community = "communityId")
    IssuedSecret rotate(Caller caller, @PathVariable String communityId, @PathVariable String kind, @PathVariable String name) {
        RegistryAccess.requireWrite(caller, communityId);
        return accounts.rotate(communityId, AccountKind.ofSlug(kind, "kind"), name);
    }

    @Operation(summary = "Revokes the account: it cannot connect any more, and a connected client is disconnected")
    @DeleteMapping("/{kind}/{name}")
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER}, community = "communityId")
    MqttAccount revoke(Caller caller, @PathVariable String communityId, @PathVariable String kind, @PathVariable String name) {
        RegistryAccess.requireWrite(caller, communityId);
        return accounts.revoke(communityId, AccountKind.ofSlug(kind, "kind"), name);
    }

    private static String path(String communityId, AccountKind kind, String name) {
        return "/api/sensing/communities/" + communityId + "/mqtt-accounts/" + kind.slug() + "/" + name;
    }
}
