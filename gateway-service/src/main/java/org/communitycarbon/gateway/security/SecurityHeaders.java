package org.communitycarbon.gateway.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.core.Ordered;
import org.springframework.security.web.server.header.CacheControlServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CompositeServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentSecurityPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentTypeOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.StrictTransportSecurityServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * The browser rules on every response of the gateway — its own pages and errors (413, 429, 401) as well as what the
 * services answer through it — with Spring Security's header writers, run first of all filters:
 * <ul>
 * <li>{@code Strict-Transport-Security} (a year, subdomains included) only on a response served over HTTPS;
 * <li>{@code Content-Security-Policy}: scripts, styles, images and calls from the gateway's own origin only (the
 * landing page and the dashboard load nothing from elsewhere, and nothing inline), no framing; when the dashboard signs
 * in at an OIDC provider, calls to that provider's token endpoint's origin too ({@link #connectingTo});
 * <li>{@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY}, {@code Referrer-Policy: no-referrer};
 * <li>{@code Cache-Control: no-store}-style headers unless the response sets its own caching.
 * </ul>
 * A header the service already sent is left as it is, never added twice (each writer writes only what is absent).
 */
public final class SecurityHeaders implements WebFilter, Ordered {

    static final String DEFAULT_CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private static final Duration HSTS_MAX_AGE = Duration.ofDays(365);

    private final WebFilter writer;
    private final String contentSecurityPolicy;

    /**
     * The policy, letting pages call {@code origin} as well: added to {@code connect-src} — or, without one, a
     * {@code connect-src} of {@code 'self'} and it — and nothing else changed.
     */
    static String connectingTo(String policy, String origin) {
        List<String> directives = new ArrayList<>();
        boolean added = false;
        for (String directive : policy.split(";")) {
            String trimmed = directive.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.toLowerCase(Locale.ROOT).startsWith("connect-src") && (trimmed.length() == 11 || trimmed.charAt(11) == ' ')) {
                trimmed = trimmed.contains("'none'") ? "connect-src 'self' " + origin : trimmed + " " + origin;
                added = true;
            }
            directives.add(trimmed);
        }
        if (!added) {
            directives.add("connect-src 'self' " + origin);
        }
        return String.join("; ", directives);
    }

    SecurityHeaders(String contentSecurityPolicy) {
        StrictTransportSecurityServerHttpHeadersWriter hsts = new StrictTransportSecurityServerHttpHeadersWriter();
        hsts.setMaxAge(HSTS_MAX_AGE);
        hsts.setIncludeSubDomains(true);
        ContentSecurityPolicyServerHttpHeadersWriter csp = new ContentSecurityPolicyServerHttpHeadersWriter();
        csp.setPolicyDirectives(contentSecurityPolicy);
        XFrameOptionsServerHttpHeadersWriter frames = new XFrameOptionsServerHttpHeadersWriter();
        frames.setMode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY);
        ReferrerPolicyServerHttpHeadersWriter referrer = new ReferrerPolicyServerHttpHeadersWriter();
        referrer.setPolicy(ReferrerPolicy.NO_REFERRER);
        this.contentSecurityPolicy = contentSecurityPolicy;
        this.writer = new HttpHeaderWriterWebFilter(new CompositeServerHttpHeadersWriter(hsts, csp,
                new ContentTypeOptionsServerHttpHeadersWriter(), frames, referrer, new CacheControlServerHttpHeadersWriter()));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return writer.filter(exchange, chain);
    }

    /**
     * The same headers on a response the gateway's fast lane writes without WebFlux, by the same rule as Spring
     * Security's writers above: each writer's headers only when the response has none of them, HSTS only over HTTPS,
     * and no caching headers on a 304. {@code GatewayIT} compares the two lanes' responses header by header.
     */
    public void writeTo(io.netty.handler.codec.http.HttpHeaders headers, boolean https, int status) {
        if (https) {
            addIfAbsent(headers, "Strict-Transport-Security", "max-age=" + HSTS_MAX_AGE.getSeconds() + " ; includeSubDomains");
        }
        addIfAbsent(headers, "Content-Security-Policy", contentSecurityPolicy);
        addIfAbsent(headers, "X-Content-Type-Options", "nosniff");
        addIfAbsent(headers, "X-Frame-Options", "DENY");
        addIfAbsent(headers, "Referrer-Policy", "no-referrer");
        if (status != 304 && !headers.contains("Cache-Control") && !headers.contains("Pragma") && !headers.contains("Expires")) {
            headers.add("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
            headers.add("Pragma", "no-cache");
            headers.add("Expires", "0");
        }
    }

    private static void addIfAbsent(io.netty.handler.codec.http.HttpHeaders headers, String name, String value) {
        if (!headers.contains(name)) {
            headers.add(name, value);
        }
    }
}
