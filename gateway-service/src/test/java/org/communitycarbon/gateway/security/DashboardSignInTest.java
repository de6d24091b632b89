package org.communitycarbon.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

/** Where the dashboard signs in, from the gateway's settings, and what that lets its pages call. */
class DashboardSignInTest {

    static final DashboardOidcProperties UNSET = new DashboardOidcProperties(null, null, "community-carbon-web");
    static final String ISSUER = "https://login.example.org/realms/community-carbon";

    @Test
    void signsInAtTheDemoIssuerWhenItIsOnWhateverElseIsSet() {
        DashboardSignIn signIn = DashboardSignIn.resolve(true, "community-carbon-web",
                new DashboardOidcProperties("https://idp.example.com/authorize", "https://idp.example.com/token", "x"), ISSUER);
        assertThat(signIn).isEqualTo(new DashboardSignIn("demo", "/auth/authorize", "/auth/token", "community-carbon-web", "openid"));
        assertThat(signIn.foreignTokenOrigin()).as("the gateway's own origin: nothing to add to the policy").isNull();
    }

    @Test
    void derivesKeycloaksEndpointsFromTheIssuer() {
        for (String issuer : new String[] {ISSUER, ISSUER + "/"}) {
            DashboardSignIn signIn = DashboardSignIn.resolve(false, "community-carbon-web", UNSET, issuer);
            assertThat(signIn).isEqualTo(new DashboardSignIn("oidc", ISSUER + "/protocol/openid-connect/auth",
                    ISSUER + "/protocol/openid-connect/token", "community-carbon-web", "openid"));
            assertThat(signIn.foreignTokenOrigin()).isEqualTo("https://login.example.org");
        }
    }

    @Test
    void takesTheConfiguredEndpointsAndClientOverTheIssuers() {
        DashboardSignIn signIn = DashboardSignIn.resolve(false, "community-carbon-web", new DashboardOidcProperties(
                "https://idp.example.com/oauth2/authorize", "https://TOKENS.example.com:8443/oauth2/token", "dashboard"), ISSUER);
        assertThat(signIn).isEqualTo(new DashboardSignIn("oidc", "https://idp.example.com/oauth2/authorize",
                "https://TOKENS.example.com:8443/oauth2/token", "dashboard", "openid"));
        assertThat(signIn.foreignTokenOrigin()).isEqualTo("https://tokens.example.com:8443");
    }

    @Test
    void signsInNowhereWithoutEndpointsOrAnIssuerThatIsAUrl() {
        for (String issuer : new String[] {null, "", "community-carbon", "urn:example:issuer"}) {
            DashboardSignIn signIn = DashboardSignIn.resolve(false, "community-carbon-web", new DashboardOidcProperties(" ", "", "x"), issuer);
            assertThat(signIn).isEqualTo(new DashboardSignIn("none", null, null, null, "openid"));
            assertThat(signIn.foreignTokenOrigin()).isNull();
        }
    }

    @Test
    void refusesOneEndpointWithoutTheOtherOrOneThatIsNotAWebUrl() {
        assertThatIllegalArgumentException().isThrownBy(() -> DashboardSignIn.resolve(false, "c",
                new DashboardOidcProperties("https://idp.example.com/authorize", null, "c"), ISSUER)).withMessageContaining("both");
        assertThatIllegalArgumentException().isThrownBy(() -> DashboardSignIn.resolve(false, "c",
                new DashboardOidcProperties("https://idp.example.com/authorize", "javascript:alert(1)", "c"), ISSUER))
                .withMessageContaining("token-endpoint");
        assertThatIllegalArgumentException().isThrownBy(() -> DashboardSignIn.resolve(false, "c",
                new DashboardOidcProperties("/authorize", "https://idp.example.com/token", "c"), ISSUER))
                .withMessageContaining("authorization-endpoint");
    }

    @Test
    void addsTheTokenEndpointsOriginToConnectSrcOnly() {
        assertThat(SecurityHeaders.connectingTo(SecurityHeaders.DEFAULT_CONTENT_SECURITY_POLICY, "https://login.example.org"))
                .isEqualTo(SecurityHeaders.DEFAULT_CONTENT_SECURITY_POLICY.replace("connect-src 'self'",
                        "connect-src 'self' https://login.example.org"));
        assertThat(SecurityHeaders.connectingTo("default-src 'self'; connect-src 'none'", "https://login.example.org"))
                .isEqualTo("default-src 'self'; connect-src 'self' https://login.example.org");
        assertThat(SecurityHeaders.connectingTo("default-src 'self'; frame-ancestors 'none';", "https://login.example.org"))
                .isEqualTo("default-src 'self'; frame-ancestors 'none'; connect-src 'self' https://login.example.org");
    }
}
