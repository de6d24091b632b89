package org.communitycarbon.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Principal;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.BodyInserters;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;

/**
 * A production-shaped gateway: the demo issuer is off and the gateway trusts an external issuer — here a stand-in for
 * Keycloak's realm {@code community-carbon} ({@code deploy/keycloak/community-carbon-realm.json}): its JWK set served
 * at Keycloak's path, holding the tests' key, set as {@code JWT_JWK_SET_URI} would set it.
 */
@SpringBootTest(classes = {GatewayServiceApplication.class, ExternalIssuerIT.PrincipalEcho.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=" + GatewayServiceApplication.NAME)
@AutoConfigureWebTestClient
class ExternalIssuerIT {

    static final String CERTS = "/realms/community-carbon/protocol/openid-connect/certs";
    static final RecordingBackend backend = new RecordingBackend();
    static final HttpServer keycloak = jwkSetServer();

    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void trustTheRealm(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> "http://localhost:" + keycloak.getAddress().getPort() + CERTS);
        registry.add("platform.security.issuer", () -> TestTokens.ISSUER);
        registry.add("CREDITS_URL", backend::url);
    }

    @AfterAll
    static void stop() {
        backend.close();
        keycloak.stop(0);
    }

    @Test
    void issuesNoDemoTokens() {
        web.post().uri("/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", "admin").with("password", "anything"))
                .exchange().expectStatus().isNotFound();
        web.get().uri("/oauth2/jwks").exchange().expectStatus().isNotFound();
    }

    @Test
    void tellsTheDashboardToSignInAtKeycloaksEndpointsOfTheConfiguredIssuer() {
        web.get().uri("/auth/config").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.mode").isEqualTo("oidc")
                .jsonPath("$.authorizationEndpoint").isEqualTo(TestTokens.ISSUER + "/protocol/openid-connect/auth")
                .jsonPath("$.tokenEndpoint").isEqualTo(TestTokens.ISSUER + "/protocol/openid-connect/token")
                .jsonPath("$.clientId").isEqualTo("community-carbon-web")
                .jsonPath("$.scope").isEqualTo("openid");
        // no demo sign-in page
        web.get().uri("/auth/authorize?response_type=code&client_id=community-carbon-web").exchange().expectStatus().isNotFound();
    }

    @Test
    void letsTheDashboardPostToTheProvidersTokenEndpointAndNowhereElse() {
        web.get().uri("/").exchange()
                .expectStatus().isOk()
                .expectHeader().value("Content-Security-Policy", policy -> {
                    assertThat(policy).contains("connect-src 'self' https://login.test.invalid;");
                    // the provider's origin in connect-src only, and nothing else changed
                    assertThat(policy.replace(" https://login.test.invalid", ""))
                            .isEqualTo("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                    + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                                    + "frame-ancestors 'none'");
                });
    }

    @Test
    void acceptsTokensOfTheConfiguredIssuerOnly() {
        web.get().uri("/api/credits/me").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident("c1", "h1")))
                .exchange().expectStatus().isOk();
        web.get().uri("/api/credits/me").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.signedByStranger()))
                .exchange().expectStatus().isUnauthorized();
        web.get().uri("/api/credits/me").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.expired()))
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void refusesTokensOfAnotherAudienceOrIssuerOrWithoutExpiry() {
        for (String token : new String[] {TestTokens.forAnotherAudience(), TestTokens.ofAnotherIssuer(), TestTokens.withoutExpiry()}) {
            web.get().uri("/api/credits/me").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token))
                    .exchange().expectStatus().isUnauthorized();
        }
    }

    /**
     * An access token as the realm's client issues it: Keycloak's own claims ({@code azp}, {@code typ}, {@code scope},
     * {@code realm_access}, {@code resource_access}, {@code aud} with {@code account}) and Keycloak's default roles
     * next to the platform's, plus what the realm's mappers add — the audience, the realm roles in {@code roles}, the
     * user's attributes in the scope claims.
     */
    @Test
    void acceptsAnAccessTokenOfTheKeycloakRealmWithThePlatformRolesItGrants() {
        String path = "/api/credits/communities/maple-court/households/b01-0101";
        String bearer = TestTokens.bearer(keycloakAccessToken("resident-li", List.of("RESIDENT"),
                Map.of("community_id", "maple-court", "household_id", "b01-0101")));

        web.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer).exchange().expectStatus().isOk();
        assertThat(backend.received()).as("forwarded with its token").contains(new RecordingBackend.Received(path, bearer));

        web.get().uri("/api/test/principal").header(HttpHeaders.AUTHORIZATION, bearer).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.name").isEqualTo("resident-li")
                .jsonPath("$.roles").isEqualTo(List.of("ROLE_RESIDENT"));

        String streetOffice = TestTokens.bearer(keycloakAccessToken("street-east-lake", List.of("STREET_OFFICE"),
                Map.of("street_id", "east-lake", "community_ids", List.of("maple-court", "birch-yard"))));
        web.get().uri("/api/test/principal").header(HttpHeaders.AUTHORIZATION, streetOffice).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.roles").isEqualTo(List.of("ROLE_STREET_OFFICE"));
    }

    @Test
    void refusesAnAccessTokenTheRealmIssuedForAnotherClientOfItsOwn() {
        // what the realm's other clients get: no audience mapper, so only Keycloak's "account"
        String token = TestTokens.sign("admin-zhang", Map.of("aud", List.of("account"), "azp", "some-other-app",
                "typ", "Bearer", "roles", List.of("ADMIN")));
        web.get().uri("/api/credits/me").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token))
                .exchange().expectStatus().isUnauthorized();
    }

    private static String keycloakAccessToken(String subject, List<String> platformRoles, Map<String, Object> attributes) {
        List<String> realmRoles = new java.util.ArrayList<>(List.of("default-roles-community-carbon", "offline_access",
                "uma_authorization"));
        realmRoles.addAll(platformRoles);
        Map<String, Object> claims = new java.util.HashMap<>(Map.of(
                "aud", List.of(TestTokens.AUDIENCE, "account"),
                "azp", "community-carbon-web",
                "typ", "Bearer",
                "sid", UUID.randomUUID().toString(),
                "scope", "openid profile email",
                "preferred_username", subject,
                "realm_access", Map.of("roles", realmRoles),
                "resource_access", Map.of("account", Map.of("roles", List.of("manage-account", "view-profile"))),
                "allowed-origins", List.of("https://dashboard.example.org"),
                "roles", realmRoles));
        claims.putAll(attributes);
        return TestTokens.sign(subject, claims);
    }

    /** Keycloak's certificate endpoint, serving the public half of the tests' key as the realm's JWK set. */
    private static HttpServer jwkSetServer() {
        try {
            String pem = Files.readString(Path.of(URI.create(TestTokens.publicKeyLocation())), StandardCharsets.US_ASCII);
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            byte[] jwks = new JWKSet(new RSAKey.Builder(key).keyID("test").keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .build()).toString().getBytes(StandardCharsets.UTF_8);
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext(CERTS, exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                exchange.getResponseBody().write(jwks);
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers who the gateway's security took the caller for: for the test only, no such endpoint ships. */
    @RestController
    static class PrincipalEcho {

        @GetMapping("/api/test/principal")
        Map<String, Object> principal(Principal principal) {
            JwtAuthenticationToken token = (JwtAuthenticationToken) principal;
            return Map.of("name", token.getName(),
                    // Spring Security 7 adds how the caller authenticated (FACTOR_BEARER); the roles are ROLE_*
                    "roles", token.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                            .filter(authority -> authority.startsWith("ROLE_")).sorted().toList());
        }
    }
}
