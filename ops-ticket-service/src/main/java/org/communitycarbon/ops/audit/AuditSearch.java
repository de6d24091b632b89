package org.communitycarbon.ops.audit;

import java.time.Instant;

import org.communitycarbon.model.audit.AuditKind;
import org.jspecify.annotations.Nullable;

/**
 * What to look for in the audit log; every criterion is optional and they all apply.
 *
 * @param actor the actor's token subject, exactly
 * @param path the start of the request path, e.g. {@code /api/credits}
 * @param from occurred at or after
 * @param to occurred before
 */
record AuditSearch(
        @Nullable String actor,
        @Nullable String service,
        @Nullable String community,
        @Nullable AuditKind kind,
        @Nullable String method,
        @Nullable String path,
        @Nullable Integer status,
        @Nullable Instant from,
        @Nullable Instant to) {
}
