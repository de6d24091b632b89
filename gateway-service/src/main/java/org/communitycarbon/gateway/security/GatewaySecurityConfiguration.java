package org.communitycarbon.gateway.security;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.util.unit.DataSize;

import tools.jackson.databind.json.JsonMapper;

/**
 * Every {@code /api/**} request needs a valid bearer JWT; the services' OpenAPI descriptions, the
 * dashboard's files, the API guide page, the platform status, health, metrics, where the dashboard signs in
 * ({@code /auth/config}) and the demo issuer's endpoints are open; anything else is
 * refused. A call at the Open311 standard's path ({@code /open311/v2/**}) may carry a partner app's {@code api_key}
 * instead of a token ({@link Open311ApiKey}): the ops service checks that key. Without a configured key source (an
 * OIDC issuer, a JWK set, or the demo issuer) the gateway does not start. Browser rules: the security headers on every response ({@link SecurityHeaders}) and CORS for the
 * configured dashboard origins only ({@link CorsSettings}).
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurityConfiguration {

    /**
     * Wraps the token decoder (the demo issuer's or Spring Boot's) in the platform's token rules — issuer, audience,
     * a required expiry — and a cache of verified tokens. The issuer is {@code platform.security.issuer}, or with the
     * demo issuer on and none set, the demo issuer's; without either the gateway does not start.
     */
    @Bean
    static BeanPostProcessor cachingJwtDecoderPostProcessor(ObjectProvider<TokenSettings> settings, Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof ReactiveJwtDecoder decoder) || bean instanceof CachingReactiveJwtDecoder) {
                    return bean;
                }
                TokenSettings tokens = settings.getObject();
                String issuer = tokens.issuer() != null && !tokens.issuer().isBlank() ? tokens.issuer()
                        : environment.getProperty("platform.demo-issuer.enabled", Boolean.class, false)
                                ? environment.getProperty("platform.demo-issuer.issuer") : null;
                if (issuer == null || issuer.isBlank()) {
                    throw new IllegalStateException("platform.security.issuer (JWT_ISSUER) must name the issuer of the platform's tokens");
                }
                return new CachingReactiveJwtDecoder(decoder, tokens.validator(issuer), Clock.systemUTC());
            }
        };
    }

    @Bean
    Problems problems(JsonMapper json) {
        return new Problems(json);
    }

    @Bean
    RequestBodyLimitFilter requestBodyLimitFilter(@Value("${platform.gateway.max-body-size:6MB}") DataSize limit, Problems problems) {
        return new RequestBodyLimitFilter(limit, problems);
    }

    /** Where the dashboard signs in ({@code GET /auth/config}): the demo issuer, the OIDC provider, or nowhere. */
    @Bean
    DashboardSignIn dashboardSignIn(DashboardOidcProperties oidc, TokenSettings tokens, Environment environment) {
        return DashboardSignIn.resolve(environment.getProperty("platform.demo-issuer.enabled", Boolean.class, false),
                environment.getProperty("platform.demo-issuer.client-id", "community-carbon-web"), oidc, tokens.issuer());
    }

    /** The browser rules; with the dashboard signing in at an OIDC provider, its token endpoint may be called too. */
    @Bean
    SecurityHeaders securityHeaders(@Value("${platform.gateway.content-security-policy:" + SecurityHeaders.DEFAULT_CONTENT_SECURITY_POLICY
            + "}") String contentSecurityPolicy, DashboardSignIn signIn) {
        String tokenOrigin = signIn.foreignTokenOrigin();
        return new SecurityHeaders(tokenOrigin == null ? contentSecurityPolicy : SecurityHeaders.connectingTo(contentSecurityPolicy, tokenOrigin));
    }

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, Problems problems, CorsSettings cors, TokenSettings tokens) {
        var authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(new PlatformRoles(tokens.rolesClaim()));
        return http
                // written for every response by SecurityHeaders, ahead of this chain
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                // Only the configured dashboard origins may call from a browser; with none, only the gateway's own
                // origin (browsers refuse cross-origin reads without CORS headers).
                .cors(cors.allowedOrigins().isEmpty() ? ServerHttpSecurity.CorsSpec::disable
                        : spec -> spec.configurationSource(cors.source()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                // Stateless: every request carries its token; no session is created or read, nothing is saved to
                // replay after a login, and there is no logout endpoint.
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        // the dashboard's page and files (its data comes from /api with the caller's token), the API guide
                        .pathMatchers(HttpMethod.GET, "/", "/index.html", "/api.html", "/favicon.ico", "/assets/**", "/app/**",
                                "/webjars/**").permitAll()
                        .pathMatchers(HttpMethod.GET, "/platform/status", "/oauth2/jwks", "/auth/demo-users", "/auth/config").permitAll()
                        // the sign-in: the demo issuer's page and its form, and its token endpoint (404 with it off)
                        .pathMatchers(HttpMethod.GET, "/auth/authorize").permitAll()
                        .pathMatchers(HttpMethod.POST, "/auth/authorize", "/auth/token").permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/*/openapi", "/api/*/openapi/**").permitAll()
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        // a partner app's Open311 call with the standard's api_key instead of a token: the ops service
                        // checks the key (docs/open311.md, partner apps)
                        .matchers(Open311ApiKey::carried).permitAll()
                        .pathMatchers("/api/**", "/open311/v2/**").authenticated()
                        .anyExchange().denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(authentication)))
                        .authenticationEntryPoint((exchange, failure) -> {
                            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            boolean tokenSent = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
                            return problems.write(exchange, HttpStatus.UNAUTHORIZED, "Unauthorized",
                                    tokenSent ? "The bearer token is not valid: " + failure.getMessage() : "A bearer token is required");
                        })
                        .accessDeniedHandler((exchange, denied) -> problems.write(exchange, HttpStatus.FORBIDDEN, "Forbidden",
                                denied.getMessage())))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((exchange, failure) -> problems.write(exchange, HttpStatus.UNAUTHORIZED,
                                "Unauthorized", "A bearer token is required"))
                        .accessDeniedHandler((exchange, denied) -> problems.write(exchange, HttpStatus.FORBIDDEN, "Forbidden",
                                "Not available through the gateway")))
                .build();
    }
}
