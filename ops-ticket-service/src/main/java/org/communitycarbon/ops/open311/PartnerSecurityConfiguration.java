package org.communitycarbon.ops.open311;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The security chain of Open311 calls made with a partner app's {@code api_key} instead of a bearer token: a call under
 * {@code /api/ops/open311/v2/} with an {@code api_key} parameter and no {@code Authorization} header. Its only way in is
 * a valid key ({@link PartnerKeyFilter}); every other call, this service's Open311 calls with a token among them, goes
 * through the platform's chain, which needs a token. Ordered before it.
 */
@Configuration(proxyBeanMethods = false)
class PartnerSecurityConfiguration {

    static final String API_KEY = "api_key";
    static final String PATH = "/api/ops/open311/v2/";

    /** A call the partner chain answers: its form or query names an api_key, and it has no token. */
    static boolean partnerCall(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.startsWith(PATH) && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && request.getParameter(API_KEY) != null;
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain open311PartnerSecurityFilterChain(HttpSecurity http, PartnerKeys keys, JsonMapper json, Clock clock)
            throws Exception {
        RequestMatcher partnerCalls = PartnerSecurityConfiguration::partnerCall;
        http.securityMatcher(partnerCalls)
                .csrf(csrf -> csrf.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new PartnerKeyFilter(keys, json, clock), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
        return http.build();
    }
}
