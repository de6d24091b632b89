package org.communitycarbon.ops.open311;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signs a partner app in with its Open311 {@code api_key} (query, or form field of a filing), in the security chain of
 * {@link PartnerSecurityConfiguration}: a key that is not one of ours, revoked or expired is answered {@code 401}, a key
 * past {@link #PER_MINUTE} calls in the current minute {@code 429} (problem details); a valid one is the request's
 * authentication. The key is never logged nor echoed.
 */
final class PartnerKeyFilter extends OncePerRequestFilter {

    /** Calls of one key in one minute, reads and filings together (filings have their daily limit besides). */
    static final int PER_MINUTE = 120;

    private final PartnerKeys keys;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    PartnerKeyFilter(PartnerKeys keys, JsonMapper json, Clock clock) {
        this.keys = keys;
        this.json = json;
        this.clock = clock;
    }

    private record Window(long minute, AtomicInteger calls) {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getParameter(PartnerSecurityConfiguration.API_KEY);
        Optional<PartnerKeys.Partner> partner = presented == null ? Optional.empty() : keys.authenticate(presented.strip());
        if (partner.isEmpty()) {
            write(request, response, HttpStatus.UNAUTHORIZED, "api_key: is not a valid key: unknown, revoked or expired");
            return;
        }
        if (!withinRate(partner.get())) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(60 - clock.instant().getEpochSecond() % 60));
            write(request, response, HttpStatus.TOO_MANY_REQUESTS,
                    "api_key: at most " + PER_MINUTE + " calls a minute for one key; try again shortly");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new PartnerAuthentication(partner.get()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** A fixed window per key and minute, in this instance's memory; the gateway limits per address besides. */
    private boolean withinRate(PartnerKeys.Partner partner) {
        long minute = clock.instant().getEpochSecond() / 60;
        String key = partner.keyId().toString();
        Window window = windows.compute(key, (k, current) -> current == null || current.minute() != minute
                ? new Window(minute, new AtomicInteger()) : current);
        if (windows.size() > 10_000) {
            windows.entrySet().removeIf(entry -> entry.getValue().minute() != minute);
        }
        return window.calls().incrementAndGet() <= PER_MINUTE;
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(java.net.URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
