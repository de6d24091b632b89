package org.communitycarbon.ops.audit;

import java.time.Instant;

import org.communitycarbon.model.audit.AuditKind;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.audit.AuditedRead;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The platform's audit log, for admins only: who did what, in which service, with what outcome. Reading it is itself
 * audited.
 */
@RestController
@RequestMapping("/api/ops/audit")
class AuditController {

    private final AuditLog log;

    AuditController(AuditLog log) {
        this.log = log;
    }

    @Operation(summary = "The platform's audit trail, newest first: writes, reads of raw or personal data and refused "
            + "requests of every service (admins only)")
    @GetMapping
    @Allowed(Role.ADMIN)
    @AuditedRead
    PageView<AuditEntryView> search(Caller caller,
            @Parameter(description = "the actor's token subject") @RequestParam(required = false) @Nullable @Size(max = 200) String actor,
            @Parameter(description = "the service that answered, e.g. credits-service")
            @RequestParam(required = false) @Nullable @Size(max = 64) String service,
            @Parameter(description = "the community the action concerned") @RequestParam(required = false) @Nullable @Size(max = 64) String communityId,
            @Parameter(description = "why the action is audited") @RequestParam(required = false) @Nullable AuditKind kind,
            @Parameter(description = "the HTTP method, e.g. POST")
            @RequestParam(required = false) @Nullable @Pattern(regexp = "[A-Z]{1,10}", message = "must be an HTTP method in capitals") String method,
            @Parameter(description = "the start of the request path, e.g. /api/credits")
            @RequestParam(required = false) @Nullable @Size(max = 500) String path,
            @Parameter(description = "the HTTP status answered, e.g. 403")
            @RequestParam(required = false) @Nullable @Min(100) @Max(599) Integer status,
            @Parameter(description = "occurred at or after this instant (ISO-8601)")
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @Parameter(description = "occurred before this instant (ISO-8601)")
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        caller.requireAnyRole(Role.ADMIN);
        return log.search(new AuditSearch(actor, service, communityId, kind, method, path, status, from, to), page, size);
    }
}
