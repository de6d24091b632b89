package org.communitycarbon.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.text.ParseException;
import java.util.List;
import java.util.Map;

import org.communitycarbon.infra.FreePorts;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;

import io.micrometer.core.instrument.MeterRegistry;

@SpringBootTest(classes = GatewayServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + GatewayServiceApplication.NAME,
                "platform.demo-issuer.enabled=true", "platform.demo-issuer.password=letmein"})
@AutoConfigureWebTestClient
class GatewayIT {

    static final RecordingBackend backend = new RecordingBackend();

    @Autowired
    WebTestClient web;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        for (String service : List.of("SENSING", "ACCOUNTING", "CREDITS", "OPS")) {
            registry.add(service + "_URL", backend::url);
        }
        registry.add("RECYCLING_URL", () -> "http://localhost:" + FreePorts.any());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void issuesADemoTokenWithTheUsersRoleAndScope() throws Exception {
        SignedJWT token = SignedJWT.parse(token("resident", "letmein"));

        assertThat(token.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("RESIDENT");
        assertThat(token.getJWTClaimsSet().getStringClaim("household_id")).isEqualTo("b01-0101");
        assertThat(token.getJWTClaimsSet().getStringClaim("community_id")).isEqualTo("maple-court");
        assertThat(token.verify(new RSASSAVerifier(jwksKey()))).as("signed with the published key").isTrue();

        SignedJWT street = SignedJWT.parse(token("street", "letmein"));
        assertThat(street.getJWTClaimsSet().getStringListClaim("community_ids")).containsExactly("maple-court");
    }

    @Test
    void refusesAWrongPasswordOrAnUnknownUserWithAProblem() {
        for (Map.Entry<String, String> credentials : Map.of("resident", "nope", "mallory", "letmein").entrySet()) {
            web.post().uri("/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(BodyInserters.fromFormData("username", credentials.getKey()).with("password", credentials.getValue()))
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").isEqualTo("Unknown demo user or wrong password");
        }
    }

    @Test
    void refusesA60MegabyteBodyBeforeReadingIt(@org.springframework.boot.test.web.server.LocalServerPort int port) throws Exception {
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            // the headers announce 60 MB; only a few bytes follow, so an answer proves the body was not waited for
            socket.getOutputStream().write(("POST /api/credits/me HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 62914560\r\n\r\n{\"a\":").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            assertThat(status).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void throttlesPasswordGuessingPerUser() {
        for (int attempt = 0; attempt < 5; attempt++) {
            web.post().uri("/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(BodyInserters.fromFormData("username", "merchant").with("password", "guess-" + attempt))
                    .exchange().expectStatus().isUnauthorized();
        }
        web.post().uri("/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", "merchant").with("password", "letmein"))
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "900")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void demoTokensNameTheIssuerAndThePlatformsAudience() throws Exception {
        SignedJWT token = SignedJWT.parse(token("staff", "letmein"));
        assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo("http://localhost:8080");
        assertThat(token.getJWTClaimsSet().getAudience()).containsExactly("community-carbon");
        assertThat(token.getJWTClaimsSet().getExpirationTime()).isNotNull();
    }

    @Test
    void stopsAnApiRequestWithoutATokenBeforeItReachesAService() {
        String path = "/api/credits/communities/" + java.util.UUID.randomUUID() + "/summary";
        web.get().uri(path).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("A bearer token is required");
        web.get().uri(path).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.signedByStranger()))
                .exchange().expectStatus().isUnauthorized();

        assertThat(backend.received()).noneMatch(r -> r.path().equals(path));
    }

    @Test
    void routesEachServicesApiWithTheTokenAttached() {
        String bearer = "Bearer " + token("manager", "letmein");
        for (String path : List.of("/api/sensing/rejected-messages", "/api/accounting/methodologies", "/api/credits/me",
                "/api/ops/communities/maple-court/work-orders")) {
            web.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.path").isEqualTo(path);
            assertThat(backend.received()).contains(new RecordingBackend.Received(path, bearer));
        }
    }

    @Test
    void routesOpen311AtTheStandardsPathToTheOpsService() {
        String bearer = "Bearer " + token("resident", "letmein");
        web.get().uri("/open311/v2/services.json").header(HttpHeaders.AUTHORIZATION, bearer).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.path").isEqualTo("/api/ops/open311/v2/services.json");
        web.get().uri("/open311/v2/requests.json").exchange().expectStatus().isUnauthorized();
        assertThat(backend.received()).noneMatch(r -> r.path().equals("/api/ops/open311/v2/requests.json"));
    }

    @Test
    void letsAnOpen311CallWithAPartnersApiKeyThroughToTheOpsServiceAndNothingElseWithoutAToken() {
        web.get().uri("/open311/v2/requests.json?api_key=o311_partner-key").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.path").isEqualTo("/api/ops/open311/v2/requests.json");
        assertThat(backend.received()).contains(new RecordingBackend.Received("/api/ops/open311/v2/requests.json", null));
        // the standard puts a filing's api_key in its form, which the ops service reads and checks
        web.post().uri("/open311/v2/requests.json").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("api_key", "o311_partner-key").with("service_code", "litter"))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.path").isEqualTo("/api/ops/open311/v2/requests.json");
        // everywhere else a token is still needed, api_key or not
        web.get().uri("/api/ops/open311/v2/services.json?api_key=o311_partner-key").exchange().expectStatus().isUnauthorized();
        web.get().uri("/api/ops/communities/maple-court/work-orders?api_key=o311_partner-key").exchange()
                .expectStatus().isUnauthorized();
        web.get().uri("/api/credits/me").exchange().expectStatus().isUnauthorized();
        web.post().uri("/open311/v2/requests.json").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isUnauthorized();
        web.get().uri("/open311/v2/services.json").exchange().expectStatus().isUnauthorized();
        assertThat(backend.received()).noneMatch(r -> r.path().equals("/api/ops/open311/v2/services.json") && r.authorization() == null)
                .noneMatch(r -> r.path().startsWith("/api/ops/communities") && r.authorization() == null)
                .noneMatch(r -> r.path().equals("/api/credits/me") && r.authorization() == null);
    }

    @Test
    void tellsTheServiceWhoTheClientIsAndTagsTheRequestWithAnId() {
        String bearer = "Bearer " + token("manager", "letmein");
        String path = "/api/accounting/methodologies";
        String id = web.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer).header("X-Forwarded-For", "203.0.113.9")
                .exchange().expectStatus().isOk().returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");
        assertThat(backend.header(path, "X-Forwarded-For")).as("the address the gateway saw, not the client's claim")
                .containsExactly("127.0.0.1");
        assertThat(id).isNotBlank();
        assertThat(backend.header(path, "X-Request-Id")).containsExactly(id);
        web.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer).header("X-Request-Id", "app-42.retry-1").exchange()
                .expectStatus().isOk().expectHeader().valueEquals("X-Request-Id", "app-42.retry-1");
        assertThat(backend.header(path, "X-Request-Id")).containsExactly("app-42.retry-1");
        web.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer).header("X-Request-Id", "not a plain id; " + "x".repeat(100))
                .exchange().expectStatus().isOk();
        assertThat(backend.header(path, "X-Request-Id")).singleElement().asString().hasSize(36);
    }

    @Test
    void timesARequestOnceAsAWholeAndNotAgainAsAForwardedCall() {
        web.get().uri("/api/accounting/methodologies").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("manager", "letmein"))
                .exchange().expectStatus().isOk();
        await().untilAsserted(() -> assertThat(meters.find("http.server.requests").tag("status", "200").timers()).isNotEmpty());
        assertThat(meters.find("http.client.requests").meters()).as("no observation per forwarded call").isEmpty();
        assertThat(meters.find("spring.cloud.gateway.requests").meters()).isEmpty();
    }

    @Test
    void forwardsAVerifiedReadOnTheFastLaneExactlyAsTheFullWayDoes() {
        String bearer = "Bearer " + token("staff", "letmein");
        String path = "/api/credits/communities/maple-court/summary";
        String uri = path + "?month=2026-11&limit=20";
        double before = fastLane();

        // a token's first request verifies it on the full way; the same request again takes the fast lane
        var full = read(uri, bearer);
        Map<String, List<String>> fullForwarded = backend.headers(path);
        assertThat(fastLane()).as("the first request took the full way").isEqualTo(before);
        var fast = read(uri, bearer);
        Map<String, List<String>> fastForwarded = backend.headers(path);
        assertThat(fastLane()).as("the second took the fast lane").isEqualTo(before + 1);
        assertThat(meters.get(org.communitycarbon.gateway.forwarding.FastLane.CONNECTIONS_METER).functionCounter().count())
                .as("on its own connection to the service").isGreaterThanOrEqualTo(1);

        assertThat(withoutTestClientsId(fastForwarded)).as("what the service received").isEqualTo(withoutTestClientsId(fullForwarded))
                .containsEntry("X-forwarded-for", List.of("127.0.0.1"))
                .containsEntry("X-request-id", List.of("app-7.read"))
                .containsEntry("Authorization", List.of(bearer))
                .doesNotContainKeys("Forwarded", "X-forwarded-host", "Connection");
        assertThat(withoutDate(fast.getResponseHeaders())).as("what the client got").isEqualTo(withoutDate(full.getResponseHeaders()));
        assertThat(fast.getResponseHeaders().getFirst("Content-Security-Policy")).isNotBlank();
        assertThat(fast.getResponseHeaders().get("X-Frame-Options")).as("not twice").containsExactly("DENY");
        assertThat(fast.getResponseBody().blockFirst()).isEqualTo(full.getResponseBody().blockFirst());

        // the request is timed like every other, under the same tags
        assertThat(meters.find("http.server.requests").timers()).extracting(timer -> timer.getId().getTags().stream()
                .map(io.micrometer.core.instrument.Tag::getKey).toList()).hasSizeGreaterThan(0).containsOnly(
                meters.find("http.server.requests").timers().iterator().next().getId().getTags().stream()
                        .map(io.micrometer.core.instrument.Tag::getKey).toList());
    }

    @Test
    void leavesToTheFullWayWhatTheFastLaneIsNotSureOf(@org.springframework.boot.test.web.server.LocalServerPort int port) {
        String bearer = "Bearer " + token("staff", "letmein");
        read("/api/credits/me", bearer);
        double before = fastLane();
        // an encoded character, a dot segment, a token in the query, an origin, a body: each is answered by the full way
        web.get().uri(java.net.URI.create("http://localhost:" + port + "/api/credits/me%2Fthere")).header(HttpHeaders.AUTHORIZATION, bearer).exchange()
                .expectStatus().isBadRequest();
        web.get().uri(java.net.URI.create("http://localhost:" + port + "/api/credits/x/../me")).header(HttpHeaders.AUTHORIZATION, bearer).exchange()
                .expectStatus().isBadRequest();
        // (the full way reads the header's token and ignores one in the query)
        web.get().uri("/api/credits/me?access_token=x").header(HttpHeaders.AUTHORIZATION, bearer).exchange()
                .expectStatus().isOk();
        web.get().uri("/api/credits/me").header(HttpHeaders.AUTHORIZATION, bearer).header(HttpHeaders.ORIGIN, "https://elsewhere.example.com")
                .exchange().expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        web.post().uri("/api/credits/me").header(HttpHeaders.AUTHORIZATION, bearer).bodyValue("{}").exchange().expectStatus().isOk();
        assertThat(fastLane()).isEqualTo(before);
        // a token the gateway never verified is verified first, never waved through
        web.get().uri("/api/credits/me").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.signedByStranger()))
                .exchange().expectStatus().isUnauthorized();
        assertThat(fastLane()).isEqualTo(before);
    }

    private org.springframework.test.web.reactive.server.FluxExchangeResult<String> read(String uri, String bearer) {
        return web.get().uri(uri).header(HttpHeaders.AUTHORIZATION, bearer).header("X-Request-Id", "app-7.read")
                .header("X-Forwarded-For", "203.0.113.9").header("Forwarded", "for=203.0.113.9").header(HttpHeaders.ACCEPT, "application/json")
                .exchange().expectStatus().isOk().returnResult(String.class);
    }

    /** The headers without the one WebTestClient numbers its requests with. */
    private static Map<String, List<String>> withoutTestClientsId(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new java.util.TreeMap<>(headers);
        copy.remove("Webtestclient-request-id");
        return copy;
    }

    private static HttpHeaders withoutDate(HttpHeaders headers) {
        HttpHeaders copy = new HttpHeaders();
        copy.addAll(headers);
        copy.remove(HttpHeaders.DATE);
        return copy;
    }

    private double fastLane() {
        var counter = meters.find(org.communitycarbon.gateway.forwarding.FastLane.FORWARDED_METER).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void letsOpenApiDescriptionsThroughWithoutAToken() {
        web.get().uri("/api/credits/openapi").exchange().expectStatus().isOk();
    }

    @Test
    void answersAServiceThatIsDownWithAProblem() {
        String bearer = "Bearer " + token("resident", "letmein");
        double before = fastLane();
        // the full way (the token's first request), then the fast lane: the same answer
        for (int attempt = 0; attempt < 2; attempt++) {
            web.get().uri("/api/recycling/categories").header(HttpHeaders.AUTHORIZATION, bearer)
                    .exchange()
                    .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals("X-Frame-Options", "DENY")
                    .expectBody().jsonPath("$.detail").isEqualTo("The service behind /api/recycling/categories is not answering; try again shortly.");
        }
        assertThat(fastLane()).isEqualTo(before + 1);
    }

    @Test
    void answersAnUnknownApiWithAProblem() {
        web.get().uri("/api/nothing/here").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("admin", "letmein")).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void servesTheLandingPageAndThePlatformStatus() {
        web.get().uri("/").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(page -> assertThat(page).contains("Community Carbon Platform"));
        // the API guide shows how to get a token with curl
        web.get().uri("/api.html").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(page -> assertThat(page).contains("/auth/token"));
        web.get().uri("/platform/status").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.name=='credits')].status").isEqualTo("UP")
                .jsonPath("$[?(@.name=='recycling')].status").isEqualTo("DOWN");
    }

    @Test
    void letsNoOtherOriginCallFromABrowserByDefault() {
        web.options().uri("/api/credits/me")
                .header(HttpHeaders.ORIGIN, "https://elsewhere.example.com")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .exchange()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        web.get().uri("/api/credits/me").header(HttpHeaders.ORIGIN, "https://elsewhere.example.com")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token("resident", "letmein"))
                .exchange()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void listsTheDemoUsers() {
        web.get().uri("/auth/demo-users").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.username=='manager')].roles[0]").isEqualTo("PROPERTY_MANAGER");
    }

    private String token(String username, String password) {
        return web.post().uri("/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", username).with("password", password))
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("access_token").toString();
    }

    private java.security.interfaces.RSAPublicKey jwksKey() throws ParseException, JOSEException {
        String jwks = web.get().uri("/oauth2/jwks").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return ((RSAKey) JWKSet.parse(jwks).getKeys().get(0)).toRSAPublicKey();
    }
}
