package org.communitycarbon.gateway;

import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * A production-shaped gateway: the demo issuer is off and the gateway trusts an external issuer's key
 * (here the tests' key, through Spring Boot's standard resource-server properties).
 */
@SpringBootTest(classes = GatewayServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + GatewayServiceApplication.NAME)
@AutoConfigureWebTestClient
class ExternalIssuerIT {

    @Autowired
    WebTestClient web;

    @org.springframework.test.context.DynamicPropertySource
    static void trustTestTokens(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
        registry.add("platform.security.issuer", () -> TestTokens.ISSUER);
        registry.add("CREDITS_URL", () -> "http://localhost:" + org.communitycarbon.infra.FreePorts.any());
    }

    @Test
    void issuesNoDemoTokens() {
        web.post().uri("/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", "admin").with("password", "anything"))
                .exchange().expectStatus().isNotFound();
        web.get().uri("/oauth2/jwks").exchange().expectStatus().isNotFound();
    }

    @Test
    void acceptsTokensOfTheConfiguredIssuerOnly() {
        web.get().uri("/api/credits/me").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident("c1", "h1")))
                .exchange().expectStatus().isEqualTo(503);
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
}
