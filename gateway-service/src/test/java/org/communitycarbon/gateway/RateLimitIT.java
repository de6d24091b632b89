package org.communitycarbon.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway's rate limits with the in-memory store, set low: 3 requests a minute per user, 6 per address. The
 * gateway takes the client address from {@code X-Forwarded-For} here (as behind a proxy), so that each test is its
 * own set of addresses.
 */
@SpringBootTest(classes = GatewayServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + GatewayServiceApplication.NAME,
                "platform.gateway.rate-limit.per-user=3", "platform.gateway.rate-limit.per-address=6",
                "server.forward-headers-strategy=native"})
@AutoConfigureWebTestClient
class RateLimitIT {

    static final RecordingBackend backend = new RecordingBackend();
    static final AtomicInteger addresses = new AtomicInteger(1);

    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void trustTestTokens(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
        registry.add("platform.security.issuer", () -> TestTokens.ISSUER);
        registry.add("CREDITS_URL", backend::url);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void answers429WithRetryAfterWhenOneUserCallsTooOften() {
        String bearer = TestTokens.bearer(TestTokens.sign("busy-resident", Map.of("roles", List.of("RESIDENT"))));
        for (int call = 0; call < 3; call++) {
            get("/api/credits/me", bearer, freshAddress()).expectStatus().isOk();
        }

        get("/api/credits/me", bearer, freshAddress())
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                // 3 a minute come back one every 20 seconds
                .expectHeader().value(HttpHeaders.RETRY_AFTER, seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 20))
                .expectBody().jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).startsWith("Too many requests from this user"));

        String other = TestTokens.bearer(TestTokens.sign("calm-resident", Map.of("roles", List.of("RESIDENT"))));
        get("/api/credits/me", other, freshAddress()).expectStatus().isOk();
        assertThat(backend.received().stream().filter(r -> bearer.equals(r.authorization()))).hasSize(3);
    }

    @Test
    void countsEveryApiAndTokenRequestOfAnAddressBeforeCheckingTokens() {
        String address = freshAddress();
        for (int call = 0; call < 3; call++) {
            get("/api/credits/me", null, address).expectStatus().isUnauthorized();
            get("/api/credits/me", "Bearer made-up", address).expectStatus().isUnauthorized();
        }

        get("/api/credits/me", TestTokens.bearer(TestTokens.admin()), address)
                .expectStatus().isEqualTo(429)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).startsWith("Too many requests from this address"));
        web.post().uri("/auth/token").header("X-Forwarded-For", address).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("username=admin&password=x").exchange().expectStatus().isEqualTo(429);

        get("/api/credits/me", null, freshAddress()).expectStatus().isUnauthorized();
    }

    @Test
    void leavesTheLandingPageHealthAndKeysUncounted() {
        String address = freshAddress();
        for (int call = 0; call < 10; call++) {
            get("/platform/status", null, address).expectStatus().isOk();
            get("/actuator/health", null, address).expectStatus().isOk();
            get("/", null, address).expectStatus().isOk();
        }
    }

    private WebTestClient.ResponseSpec get(String path, String authorization, String address) {
        return web.get().uri(path).headers(headers -> {
            headers.set("X-Forwarded-For", address);
            if (authorization != null) {
                headers.set(HttpHeaders.AUTHORIZATION, authorization);
            }
        }).exchange();
    }

    private static String freshAddress() {
        int n = addresses.getAndIncrement();
        return "198.51.100." + n;
    }
}
