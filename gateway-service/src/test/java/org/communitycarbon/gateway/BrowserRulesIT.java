package org.communitycarbon.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway's rules for browsers, over plain HTTP: security headers on its own pages, on its errors and on what the
 * services answer (never twice), no HSTS without TLS, and CORS for the configured dashboard origin only.
 */
@SpringBootTest(classes = GatewayServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + GatewayServiceApplication.NAME,
                "platform.gateway.cors.allowed-origins=https://dashboard.example.org"})
@AutoConfigureWebTestClient
class BrowserRulesIT {

    static final String DASHBOARD = "https://dashboard.example.org";
    static final RecordingBackend backend = new RecordingBackend();

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
    void servesTheDashboardAndTheApiGuideUnderAPolicyOfTheirOwnOriginOnly() {
        web.get().uri("/").exchange()
                .expectStatus().isOk()
                .expectHeader().value("Content-Security-Policy", policy -> assertThat(policy)
                        .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                        // the one other origin: the OIDC provider's token endpoint, which the dashboard posts to when
                        // it signs in there (here the tests' issuer's)
                        .contains("connect-src 'self' https://login.test.invalid;")
                        .doesNotContain("unsafe-inline", "http:")
                        .satisfies(all -> assertThat(all.replace("https://login.test.invalid", "")).doesNotContain("https:")))
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader().doesNotExist("Strict-Transport-Security")
                .expectBody(String.class).value(page -> assertThat(page)
                        .contains("<script type=\"module\" src=\"/app/main.js\"></script>", "href=\"/app/dashboard.css\"",
                                "src=\"/webjars/echarts/dist/echarts.min.js\"")
                        .doesNotContain("<script>", "<style>", "onclick=", "style=\""));
        // the dashboard's files, and ECharts from its WebJar (no CDN), without a token
        for (String file : new String[] {"/app/main.js", "/app/dashboard.css", "/app/views/overview.js", "/webjars/echarts/dist/echarts.min.js"}) {
            web.get().uri(file).exchange().expectStatus().isOk().expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
        }
        web.get().uri("/api.html").exchange().expectStatus().isOk()
                .expectBody(String.class).value(page -> assertThat(page)
                        .contains("<script src=\"/assets/api.js\"></script>", "href=\"/assets/api.css\"")
                        .doesNotContain("<script>", "<style>", "onclick="));
        web.get().uri("/assets/api.js").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
        web.get().uri("/assets/api.css").exchange().expectStatus().isOk();
        // nothing else outside /api is served
        web.get().uri("/app/../gateway-service.yml").exchange().expectStatus().value(status -> assertThat(status).isIn(400, 401, 403, 404));
    }

    @Test
    void sendsEachSecurityHeaderOnceOnWhatAServiceAnswers() {
        web.get().uri("/api/credits/me").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident("c1", "h1")))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().values("X-Content-Type-Options", values -> assertThat(values).containsExactly("nosniff"))
                .expectHeader().values("X-Frame-Options", values -> assertThat(values).containsExactly("DENY"))
                .expectHeader().values(HttpHeaders.CACHE_CONTROL, values -> assertThat(values).hasSize(1))
                .expectHeader().values("Content-Security-Policy", values -> assertThat(values).hasSize(1))
                .expectHeader().values("Referrer-Policy", values -> assertThat(values).containsExactly("no-referrer"));
    }

    @Test
    void answersAVerifiedReadOnTheFastLaneWithTheSameHeadersAsTheFullWay() {
        // a new token: its first request is verified on the full way, the second takes the fast lane
        String bearer = TestTokens.bearer(TestTokens.resident("c1", "h1"));
        HttpHeaders full = read(bearer);
        HttpHeaders fast = read(bearer);
        full.remove(HttpHeaders.DATE);
        fast.remove(HttpHeaders.DATE);
        assertThat(fast).isEqualTo(full);
        assertThat(fast.get(HttpHeaders.VARY)).as("CORS's, as the origins are configured").contains("Origin");
        assertThat(fast.get("Content-Security-Policy")).hasSize(1);
    }

    private HttpHeaders read(String bearer) {
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(web.get().uri("/api/credits/me").header(HttpHeaders.AUTHORIZATION, bearer).header("X-Request-Id", "browser-1")
                .exchange().expectStatus().isOk().returnResult(String.class).getResponseHeaders());
        return headers;
    }

    @Test
    void sendsTheHeadersOnTheGatewaysOwnRefusalsToo() {
        web.get().uri("/api/credits/me").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY");
    }

    @Test
    void letsTheConfiguredDashboardCallTheApiFromABrowser() {
        web.options().uri("/api/credits/me")
                .header(HttpHeaders.ORIGIN, DASHBOARD)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type, idempotency-key")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, DASHBOARD)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, methods -> assertThat(methods).contains("POST"))
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);

        web.get().uri("/api/credits/me").header(HttpHeaders.ORIGIN, DASHBOARD)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident("c1", "h1")))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().values(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, values -> assertThat(values).containsExactly(DASHBOARD));
    }

    @Test
    void refusesAPreflightFromAnyOtherOrigin() {
        for (String origin : new String[] {"https://evil.example.com", "http://dashboard.example.org", "https://dashboard.example.org:8443"}) {
            web.method(HttpMethod.OPTIONS).uri("/api/credits/me")
                    .header(HttpHeaders.ORIGIN, origin)
                    .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                    .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization")
                    .exchange()
                    .expectStatus().isForbidden()
                    .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        }
        web.get().uri("/api/credits/me").header(HttpHeaders.ORIGIN, "https://evil.example.com")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident("c1", "h1")))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }
}
