package org.communitycarbon.gateway.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Which other web origins may call the API from a browser. None by default: the landing page and a dashboard
 * served by the gateway itself are the same origin and need no CORS; a dashboard served from elsewhere is named
 * here, exactly (scheme, host and port, no wildcard).
 *
 * @param allowedOrigins e.g. {@code https://dashboard.example.org} ({@code GATEWAY_CORS_ALLOWED_ORIGINS},
 *        comma-separated)
 * @param allowedMethods the methods such a page may use
 * @param allowedHeaders the request headers it may send: the bearer token, JSON and the idempotency key
 * @param exposedHeaders the response headers its scripts may read
 * @param maxAge how long a browser may cache a preflight answer
 */
@ConfigurationProperties("platform.gateway.cors")
public record CorsSettings(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue({"GET", "POST", "PUT", "PATCH", "DELETE"}) List<String> allowedMethods,
        @DefaultValue({"Authorization", "Content-Type", "Idempotency-Key"}) List<String> allowedHeaders,
        @DefaultValue({"Location", "Retry-After"}) List<String> exposedHeaders,
        @DefaultValue("1h") Duration maxAge) {

    public CorsSettings {
        for (String origin : allowedOrigins) {
            if (origin.contains("*")) {
                throw new IllegalArgumentException("platform.gateway.cors.allowed-origins names origins exactly, without '*': " + origin);
            }
        }
    }

    /** The rules for the API and the token endpoint. */
    CorsConfigurationSource source() {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        CorsConfiguration configuration = configuration();
        source.registerCorsConfiguration("/api/**", configuration);
        source.registerCorsConfiguration("/auth/**", configuration);
        return source;
    }

    private CorsConfiguration configuration() {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(allowedOrigins);
        configuration.setAllowedMethods(allowedMethods);
        configuration.setAllowedHeaders(allowedHeaders);
        configuration.setExposedHeaders(exposedHeaders);
        // Bearer tokens, no cookies: a page never needs to send credentials the browser holds.
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(maxAge);
        return configuration;
    }
}
