package org.communitycarbon.support.audit;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.communitycarbon.model.Require;
import org.communitycarbon.model.audit.ActionAudited;
import org.communitycarbon.model.audit.AuditActor;
import org.communitycarbon.model.audit.AuditKind;
import org.communitycarbon.model.security.TokenClaims;
import org.communitycarbon.support.outbox.Outbox;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes an {@link ActionAudited} event into the service's outbox for every request under {@code /api/} that
 * <ul>
 * <li>changes something ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}), whatever its outcome;</li>
 * <li>reads an endpoint marked {@link AuditedRead}, whatever its outcome;</li>
 * <li>reads anything else and is refused ({@code 401}, {@code 403}).</li>
 * </ul>
 * It wraps Spring Security and Spring MVC, so it sees every outcome — a {@code 401} of the token check, a
 * {@code 403} of {@code @Allowed} or of a controller — and records it once the status is known, in a short
 * transaction of its own after the request's, shared with the events of the requests that finish meanwhile
 * ({@link AuditWrites}: one commit for many, the request still returning only once its event is committed). The actor is the verified token that Spring Security kept in the
 * request's attributes (its subject, roles and scope claims); the route, its variables and the handler come from
 * Spring MVC's. No body, header value beyond {@code X-Forwarded-For} and {@code X-Request-Id}, or token is
 * recorded, query parameters named like a secret are masked, and every text is bounded.
 * <p>
 * An ordinary read that succeeds costs a request attribute lookup and a cached annotation check; it writes nothing.
 * If the outbox cannot be written (the database went down after the response), the event is logged at
 * {@code ERROR} with all its fields and counted in {@code platform.audit.unrecorded}; the response is not changed.
 */
public final class AuditTrail extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> READS = Set.of("GET", "HEAD");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(token|password|secret|key|credential).*");
    private static final String COMMUNITY_VARIABLE = "communityId";

    private final String service;
    private final AuditWrites writes;
    private final Clock clock;
    private final Counter unrecorded;
    private final Map<Method, Boolean> privileged = new ConcurrentHashMap<>();

    AuditTrail(String service, Outbox outbox, TransactionTemplate transactions, Clock clock, MeterRegistry meters) {
        this.service = service;
        this.writes = new AuditWrites(outbox, transactions);
        this.clock = clock;
        this.unrecorded = Counter.builder("platform.audit.unrecorded")
                .description("Audited requests whose event could not be written to the outbox (logged at ERROR instead)")
                .register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        }
        finally {
            int status = failed ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : response.getStatus();
            AuditKind kind = kindOf(request, status);
            if (kind != null) {
                record(describe(request, kind, status));
            }
        }
    }

    /** Why the request is audited; none for an ordinary read that was not refused. */
    @Nullable AuditKind kindOf(HttpServletRequest request, int status) {
        String method = request.getMethod();
        if (WRITES.contains(method)) {
            return AuditKind.WRITE;
        }
        if (!READS.contains(method)) {
            return null;
        }
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler
                && privileged.computeIfAbsent(handler.getMethod(), m -> AnnotatedElementUtils.hasAnnotation(m, AuditedRead.class)
                        || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), AuditedRead.class))) {
            return AuditKind.PRIVILEGED_READ;
        }
        return status == HttpServletResponse.SC_UNAUTHORIZED || status == HttpServletResponse.SC_FORBIDDEN
                ? AuditKind.REFUSED_READ : null;
    }

    private void record(ActionAudited event) {
        try {
            writes.write(event);
        }
        catch (RuntimeException e) {
            unrecorded.increment();
            log.error("Audit event not written to the outbox ({}): {}", Require.abbreviate(String.valueOf(e.getMessage()), 300), event);
        }
    }

    ActionAudited describe(HttpServletRequest request, AuditKind kind, int status) {
        AuditActor actor = actor(request);
        Map<String, String> variables = pathVariables(request);
        String query = query(request.getQueryString());
        String community = community(variables, request.getQueryString(), actor);
        Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String requestId = request.getHeader("X-Request-Id");
        return new ActionAudited(UUID.randomUUID(), ActionAudited.SCHEMA_VERSION, community, clock.instant(), kind, service,
                actor, request.getMethod(), route instanceof String pattern ? bounded(pattern, ActionAudited.MAX_PATH) : null,
                bounded(request.getRequestURI(), ActionAudited.MAX_PATH), query, variables, status,
                bounded(request.getRemoteAddr(), ActionAudited.MAX_TEXT),
                bounded(request.getHeader("X-Forwarded-For"), ActionAudited.MAX_TEXT),
                requestId != null && REQUEST_ID.matcher(requestId).matches() ? requestId : null);
    }

    /** The verified token's subject, roles and scope claims; {@link AuditActor#ANONYMOUS} without one. */
    static AuditActor actor(HttpServletRequest request) {
        Authentication authentication = null;
        // Spring Security's bearer-token filter keeps the context it authenticated in the request's attributes,
        // where it outlives the filter chain that clears the thread's context.
        if (request.getAttribute(RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME) instanceof SecurityContext saved) {
            authentication = saved.getAuthentication();
        }
        if (authentication == null) {
            authentication = SecurityContextHolder.getContext().getAuthentication();
        }
        if (!(authentication instanceof JwtAuthenticationToken token) || !token.isAuthenticated()) {
            return AuditActor.ANONYMOUS;
        }
        Jwt jwt = token.getToken();
        List<String> roles = token.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority != null && authority.startsWith("ROLE_"))
                .map(authority -> bounded(authority.substring(5), AuditActor.MAX_TEXT))
                .filter(role -> role != null)
                .distinct().sorted().limit(AuditActor.MAX_ITEMS).toList();
        return new AuditActor(bounded(jwt.getSubject(), AuditActor.MAX_TEXT), roles,
                bounded(jwt.getClaimAsString(TokenClaims.HOUSEHOLD), AuditActor.MAX_TEXT),
                bounded(jwt.getClaimAsString(TokenClaims.COMMUNITY), AuditActor.MAX_TEXT),
                list(jwt.getClaims().get(TokenClaims.COMMUNITIES)),
                bounded(jwt.getClaimAsString(TokenClaims.STREET), AuditActor.MAX_TEXT));
    }

    private static List<String> list(@Nullable Object claim) {
        if (claim == null) {
            return List.of();
        }
        Collection<?> values = claim instanceof Collection<?> many ? many : List.of(claim);
        List<String> list = new ArrayList<>();
        for (Object value : values) {
            String text = bounded(String.valueOf(value), AuditActor.MAX_TEXT);
            if (text != null && list.size() < AuditActor.MAX_ITEMS) {
                list.add(text);
            }
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> pathVariables(HttpServletRequest request) {
        Object found = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (!(found instanceof Map<?, ?> all) || all.isEmpty()) {
            return Map.of();
        }
        Map<String, String> variables = new TreeMap<>();
        for (Map.Entry<String, String> entry : new TreeMap<>((Map<String, String>) all).entrySet()) {
            String name = bounded(entry.getKey(), 64);
            if (name != null && variables.size() < ActionAudited.MAX_VARIABLES) {
                variables.put(name, clean(Require.abbreviate(String.valueOf(entry.getValue()), ActionAudited.MAX_TEXT)));
            }
        }
        return variables;
    }

    /** The query string, its parameters named like a secret masked, bounded. */
    static @Nullable String query(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        StringBuilder masked = new StringBuilder(Math.min(raw.length(), ActionAudited.MAX_PATH + 1));
        for (String parameter : raw.split("&", -1)) {
            if (masked.length() > ActionAudited.MAX_PATH) {
                break;
            }
            if (!masked.isEmpty()) {
                masked.append('&');
            }
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            masked.append(equals >= 0 && SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches() ? name + "=***" : parameter);
        }
        return bounded(masked.toString(), ActionAudited.MAX_PATH);
    }

    /** The community the request concerned: its path's or query's {@code communityId}, else the caller's own. */
    static String community(Map<String, String> variables, @Nullable String query, AuditActor actor) {
        String fromPath = variables.get(COMMUNITY_VARIABLE);
        if (Require.isIdentifier(fromPath)) {
            return fromPath;
        }
        if (query != null) {
            for (String parameter : query.split("&")) {
                if (parameter.startsWith(COMMUNITY_VARIABLE + "=")) {
                    String value = decode(parameter.substring(COMMUNITY_VARIABLE.length() + 1));
                    if (Require.isIdentifier(value)) {
                        return value;
                    }
                }
            }
        }
        return Require.isIdentifier(actor.communityId()) ? actor.communityId() : ActionAudited.NO_COMMUNITY;
    }

    private static @Nullable String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** At most {@code max} characters, control characters replaced; none for nothing or blank. */
    static @Nullable String bounded(@Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return clean(Require.abbreviate(value, max));
    }

    private static String clean(String value) {
        StringBuilder clean = null;
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                if (clean == null) {
                    clean = new StringBuilder(value);
                }
                clean.setCharAt(i, '?');
            }
        }
        return clean == null ? value : clean.toString();
    }
}
