package org.communitycarbon.gateway.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Where and how the dashboard signs in, as {@code GET /auth/config} tells it: always the authorization code flow with
 * PKCE ({@code S256}), at
 * <ul>
 * <li>{@code demo}: the gateway's own demo issuer ({@code /auth/authorize}, {@code /auth/token}, paths on the gateway's
 * origin), when {@code platform.demo-issuer.enabled};
 * <li>{@code oidc}: the OIDC provider — {@code platform.dashboard.oidc.*} when set, else Keycloak's endpoints under the
 * platform's issuer ({@code {issuer}/protocol/openid-connect/auth} and {@code /token});
 * <li>{@code none}: nowhere (no demo issuer, no endpoints, no issuer that is an http(s) URL); the dashboard says so.
 * </ul>
 *
 * @param mode {@code demo}, {@code oidc} or {@code none}
 * @param authorizationEndpoint where the browser is sent to sign in; a path on the gateway in {@code demo} mode
 * @param tokenEndpoint where the dashboard trades the code for tokens; a path on the gateway in {@code demo} mode
 * @param clientId the public client the dashboard is
 * @param scope what it asks for
 */
public record DashboardSignIn(String mode, @Nullable String authorizationEndpoint, @Nullable String tokenEndpoint,
        @Nullable String clientId, String scope) {

    static final String DEMO = "demo";
    static final String OIDC = "oidc";
    static final String NONE = "none";
    static final String SCOPE = "openid";

    /**
     * @param demoIssuer whether the demo issuer is on ({@code platform.demo-issuer.enabled})
     * @param demoClientId its client ({@code platform.demo-issuer.client-id})
     * @param issuer the platform's issuer ({@code platform.security.issuer}), if set
     * @throws IllegalArgumentException for an endpoint that is not an absolute http(s) URL, or only one of the two set
     */
    static DashboardSignIn resolve(boolean demoIssuer, String demoClientId, DashboardOidcProperties oidc, @Nullable String issuer) {
        if (demoIssuer) {
            return new DashboardSignIn(DEMO, "/auth/authorize", "/auth/token", demoClientId, SCOPE);
        }
        String authorization = blankToNull(oidc.authorizationEndpoint());
        String token = blankToNull(oidc.tokenEndpoint());
        if (authorization != null || token != null) {
            if (authorization == null || token == null) {
                throw new IllegalArgumentException("Set both platform.dashboard.oidc.authorization-endpoint and token-endpoint "
                        + "(DASHBOARD_OIDC_AUTHORIZATION_ENDPOINT, DASHBOARD_OIDC_TOKEN_ENDPOINT), or neither");
            }
            return new DashboardSignIn(OIDC, webUrl("authorization-endpoint", authorization), webUrl("token-endpoint", token),
                    oidc.clientId(), SCOPE);
        }
        String base = blankToNull(issuer);
        if (base != null && origin(base) != null) {
            base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
            return new DashboardSignIn(OIDC, base + "/protocol/openid-connect/auth", base + "/protocol/openid-connect/token",
                    oidc.clientId(), SCOPE);
        }
        return new DashboardSignIn(NONE, null, null, null, SCOPE);
    }

    /** The origin the browser posts to for tokens when it is not the gateway's own ({@code oidc} mode), else none. */
    @Nullable String foreignTokenOrigin() {
        return mode.equals(OIDC) && tokenEndpoint != null ? origin(tokenEndpoint) : null;
    }

    /** {@code scheme://host[:port]} of an absolute http(s) URL, lower case, without a default port; else none. */
    static @Nullable String origin(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        }
        catch (URISyntaxException e) {
            return null;
        }
    }

    private static String webUrl(String setting, String url) {
        if (origin(url) == null || url.contains("#")) {
            throw new IllegalArgumentException("platform.dashboard.oidc." + setting + " must be an absolute http(s) URL: " + url);
        }
        return url;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
