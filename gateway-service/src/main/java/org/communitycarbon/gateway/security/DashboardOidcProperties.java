package org.communitycarbon.gateway.security;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the dashboard signs in when the demo issuer is off: the OIDC provider's endpoints for the authorization code
 * flow with PKCE ({@link DashboardSignIn}). Unset, they are Keycloak's for the platform's issuer
 * ({@code platform.security.issuer}, {@code JWT_ISSUER}); set them for another provider.
 *
 * @param authorizationEndpoint e.g. {@code https://login.example.org/realms/community-carbon/protocol/openid-connect/auth}
 *        ({@code DASHBOARD_OIDC_AUTHORIZATION_ENDPOINT})
 * @param tokenEndpoint e.g. {@code https://login.example.org/realms/community-carbon/protocol/openid-connect/token}
 *        ({@code DASHBOARD_OIDC_TOKEN_ENDPOINT}); the browser posts to it, so its origin joins the
 *        Content-Security-Policy's {@code connect-src}
 * @param clientId the provider's public client of the dashboard ({@code DASHBOARD_OIDC_CLIENT_ID},
 *        {@code community-carbon-web}: the realm's of {@code deploy/keycloak/})
 */
@ConfigurationProperties("platform.dashboard.oidc")
public record DashboardOidcProperties(
        @Nullable String authorizationEndpoint,
        @Nullable String tokenEndpoint,
        @DefaultValue("community-carbon-web") String clientId) {
}
