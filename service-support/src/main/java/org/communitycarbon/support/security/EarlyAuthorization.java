package org.communitycarbon.support.security;

import java.util.Arrays;
import java.util.Map;

import org.communitycarbon.model.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Applies {@link Allowed} before the handler's arguments — its request body among them — are resolved: an
 * interceptor's {@code preHandle} runs after the handler is chosen (so path variables are known) and before the
 * handler is invoked. A refusal is an {@link AccessDeniedException}, answered 403 like any other.
 */
final class EarlyAuthorization implements HandlerInterceptor {

    private final RolesClaimConverter roles;

    EarlyAuthorization(RolesClaimConverter roles) {
        this.roles = roles;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        Allowed allowed = method.getMethodAnnotation(Allowed.class);
        if (allowed == null) {
            return true;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            throw new AuthenticationCredentialsNotFoundException("A bearer token is required");
        }
        Caller caller = Caller.from(token.getToken(), roles.roles(token.getToken()));
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String community = variable(variables, allowed.community(), method);
        String household = variable(variables, allowed.household(), method);
        for (Role role : allowed.value()) {
            if (caller.holds(role, community, household)) {
                return true;
            }
        }
        throw new AccessDeniedException(refusal(allowed, community, household));
    }

    private static @Nullable String variable(@Nullable Map<String, String> variables, String name, HandlerMethod method) {
        if (name.isEmpty()) {
            return null;
        }
        String value = variables == null ? null : variables.get(name);
        if (value == null) {
            throw new IllegalStateException(method + " is @Allowed for the path variable {" + name + "}, which its path does not have");
        }
        return value;
    }

    private static String refusal(Allowed allowed, @Nullable String community, @Nullable String household) {
        String roles = String.join(", ", Arrays.stream(allowed.value()).map(Role::name).toList());
        if (community == null) {
            return "This needs one of the roles " + roles;
        }
        return "This needs one of the roles " + roles + " for community " + community
                + (household == null ? "" : " and household " + household);
    }
}
