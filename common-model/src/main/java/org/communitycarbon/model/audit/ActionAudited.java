package org.communitycarbon.model.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Require;
import org.jspecify.annotations.Nullable;

/**
 * Someone did something on the platform: {@code actor} called {@code method path} of {@code service}, which answered
 * {@code status}. Written by every service for each write, each read of raw or personal data and each refused read
 * ({@link AuditKind}), never with a request or response body, a token or a password; every text is bounded.
 * <p>
 * {@code eventId} is random: each request is a fact of its own, and the id is fixed once the event is in the
 * producer's outbox, so a redelivered record keeps it. {@code communityId} is the community the request concerned
 * (its {@code communityId} path variable or query parameter, else the caller's own community), or
 * {@value #NO_COMMUNITY} when it concerned none (an admin's platform-wide call, a request without a token).
 *
 * @param route the path template that matched ({@code /api/ops/work-orders/{id}/resolve}); none when no route did
 *        (a request refused before it reached one)
 * @param path the request's path as received
 * @param query the request's query string, if any
 * @param pathVariables the values of the route's path variables
 * @param status the HTTP status answered
 * @param clientAddress the address the request came from (the gateway's, behind it)
 * @param forwardedFor the {@code X-Forwarded-For} header as received: the rightmost address is the one the gateway saw
 * @param requestId the {@code X-Request-Id} header, when it is a plain identifier
 */
public record ActionAudited(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        AuditKind kind,
        String service,
        AuditActor actor,
        String method,
        @Nullable String route,
        String path,
        @Nullable String query,
        Map<String, String> pathVariables,
        int status,
        @Nullable String clientAddress,
        @Nullable String forwardedFor,
        @Nullable String requestId) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** The {@code communityId} of an action that concerned no community. */
    public static final String NO_COMMUNITY = "-";

    /** Longest path, route or query string. */
    public static final int MAX_PATH = 500;
    /** Longest address, header or path-variable value. */
    public static final int MAX_TEXT = AuditActor.MAX_TEXT;
    /** Most path variables. */
    public static final int MAX_VARIABLES = 10;

    public ActionAudited {
        pathVariables = pathVariables == null ? Map.of() : Map.copyOf(pathVariables);
    }

    @Override
    public void validate() {
        Require.present(eventId, "eventId");
        if (schemaVersion != SCHEMA_VERSION) {
            throw new ContractViolation("schemaVersion", "a producer writes version " + SCHEMA_VERSION + ", not " + schemaVersion);
        }
        if (!NO_COMMUNITY.equals(communityId)) {
            Require.identifier(communityId, "communityId");
        }
        Require.present(occurredAt, "occurredAt");
        Require.present(kind, "kind");
        Require.identifier(service, "service");
        Require.present(actor, "actor").validate();
        Require.text(method, "method", 16);
        if (route != null) {
            Require.text(route, "route", MAX_PATH);
        }
        Require.text(path, "path", MAX_PATH);
        if (query != null) {
            Require.text(query, "query", MAX_PATH);
        }
        if (pathVariables.size() > MAX_VARIABLES) {
            throw new ContractViolation("pathVariables", "must hold at most " + MAX_VARIABLES + " variables");
        }
        pathVariables.forEach((name, value) -> {
            Require.text(name, "pathVariables", 64);
            if (value.length() > MAX_TEXT) {
                throw new ContractViolation("pathVariables." + name, "must be at most " + MAX_TEXT + " characters");
            }
        });
        if (status < 100 || status > 599) {
            throw new ContractViolation("status", "must be an HTTP status, 100 to 599, was " + status);
        }
        AuditActor.optional(clientAddress, "clientAddress");
        AuditActor.optional(forwardedFor, "forwardedFor");
        AuditActor.optional(requestId, "requestId");
    }
}
