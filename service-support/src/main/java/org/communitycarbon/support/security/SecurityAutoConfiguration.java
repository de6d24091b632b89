package org.communitycarbon.support.security;

import java.time.Clock;
import java.util.List;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import tools.jackson.databind.json.JsonMapper;

/**
 * Stateless bearer-token security for every service: health, Prometheus metrics and the OpenAPI
 * description are open, everything else needs a valid JWT of the platform's issuer and audience, with an expiry
 * ({@link TokenRules}). The key comes from Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} properties (a JWK set URI, an OIDC issuer or a
 * public key); without one the service does not start.
 */
@AutoConfiguration(before = ServletWebSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(PlatformSecurityProperties.class)
public class SecurityAutoConfiguration {

    static final String[] OPEN_PATHS = {"/actuator/health", "/actuator/health/**", "/actuator/info",
            "/actuator/prometheus", "/api/*/openapi", "/api/*/openapi/**", "/error"};

    @Bean
    RolesClaimConverter rolesClaimConverter(PlatformSecurityProperties settings) {
        return new RolesClaimConverter(settings.rolesClaim());
    }

    @Bean
    SecurityFilterChain platformSecurityFilterChain(HttpSecurity http, RolesClaimConverter roles, JsonMapper json)
            throws Exception {
        var problems = new ProblemResponses(json);
        var authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(roles);
        http.csrf(csrf -> csrf.disable())
                // a stateless API: no logout endpoint, no saved requests to replay after a login
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(OPEN_PATHS).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authentication))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems));
        return http.build();
    }

    /**
     * Spring Security's strict request firewall, its header checks done without a regular expression
     * ({@link HeaderCharacters}: as strict, cheaper on every request's bearer token). Spring Security's web
     * configuration takes the firewall from this bean.
     */
    @Bean
    @ConditionalOnMissingBean(HttpFirewall.class)
    HttpFirewall platformHttpFirewall() {
        return HeaderCharacters.firewall();
    }

    /**
     * Wraps the decoder Spring Boot makes from the resource-server settings: the platform's token rules (issuer,
     * audience, a required expiry) and a cache of verified tokens.
     */
    @Bean
    static BeanPostProcessor cachingJwtDecoderPostProcessor(ObjectProvider<PlatformSecurityProperties> settings) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JwtDecoder decoder && !(bean instanceof CachingJwtDecoder)
                        ? new CachingJwtDecoder(decoder, settings.getObject().tokenValidator(), Clock.systemUTC()) : bean;
            }
        };
    }

    @Bean
    WebMvcConfigurer callerConfigurer(RolesClaimConverter roles) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver(roles));
            }

            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new EarlyAuthorization(roles));
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(OperationCustomizer.class)
    static class AllowedInOpenApi {

        @Bean
        OperationCustomizer allowedOperationCustomizer() {
            return new AllowedOperationCustomizer();
        }
    }
}
