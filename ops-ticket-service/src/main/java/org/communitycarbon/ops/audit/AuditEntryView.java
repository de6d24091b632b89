package org.communitycarbon.ops.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.communitycarbon.model.audit.AuditActor;
import org.communitycarbon.model.audit.AuditKind;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the audit log: an {@code ActionAudited} event as it was recorded (docs/events.md, {@code platform.audit}).
 *
 * @param communityId the community the action concerned; none when it concerned none
 * @param recordedAt when the audit log received it
 */
public record AuditEntryView(
        UUID eventId,
        Instant occurredAt,
        Instant recordedAt,
        AuditKind kind,
        String service,
        @Nullable String communityId,
        AuditActor actor,
        String method,
        @Nullable String route,
        String path,
        @Nullable String query,
        Map<String, String> pathVariables,
        int status,
        @Nullable String clientAddress,
        @Nullable String forwardedFor,
        @Nullable String requestId) {
}
