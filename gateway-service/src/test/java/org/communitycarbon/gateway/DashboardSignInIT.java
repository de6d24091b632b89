package org.communitycarbon.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import com.nimbusds.jwt.SignedJWT;

/**
 * The dashboard's sign-in at the demo issuer, over real HTTP: the authorization code flow with PKCE ({@code S256}) —
 * {@code GET /auth/config}, the sign-in page at {@code /auth/authorize}, its form, the redirect back with a code, the
 * code traded at {@code /auth/token} for a token the API accepts — and every way it is refused: a wrong verifier, a
 * code used twice, an expired code, another redirect URI, and requests that are never sent back at all. The codes
 * expire on a clock the test moves.
 */
@SpringBootTest(classes = {GatewayServiceApplication.class, DashboardSignInIT.TestClock.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + GatewayServiceApplication.NAME,
                "platform.demo-issuer.enabled=true", "platform.demo-issuer.password=letmein"})
@AutoConfigureWebTestClient
class DashboardSignInIT {

    static final RecordingBackend backend = new RecordingBackend();
    static final String CLIENT = "community-carbon-web";
    static final SecureRandom random = new SecureRandom();

    @Autowired
    WebTestClient web;

    @Autowired
    MovableClock clock;

    @LocalServerPort
    int port;

    String dashboard;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("CREDITS_URL", backend::url);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @BeforeEach
    void dashboardOrigin() {
        dashboard = "http://localhost:" + port + "/";
    }

    @Test
    void tellsTheDashboardToSignInAtTheDemoIssuerOnTheGatewaysOwnOrigin() {
        web.get().uri("/auth/config").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.mode").isEqualTo("demo")
                .jsonPath("$.authorizationEndpoint").isEqualTo("/auth/authorize")
                .jsonPath("$.tokenEndpoint").isEqualTo("/auth/token")
                .jsonPath("$.clientId").isEqualTo(CLIENT)
                .jsonPath("$.scope").isEqualTo("openid");
    }

    @Test
    void signsInWithACodeAndAnS256VerifierAndTheApiAcceptsTheToken() throws Exception {
        String verifier = verifier();
        String state = "s-" + random.nextInt(1_000_000);

        // the page, with the request in hidden fields, under the gateway's CSP and with nothing inline
        web.get().uri(authorize(challenge(verifier), state, dashboard)).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().value("Content-Security-Policy", policy -> assertThat(policy)
                        .contains("script-src 'self'", "style-src 'self'", "form-action 'self'", "frame-ancestors 'none'")
                        .doesNotContain("unsafe-inline"))
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectBody(String.class).value(page -> assertThat(page)
                        .contains("<form method=\"post\" action=\"/auth/authorize\">", "<label for=\"username\">",
                                "<label for=\"password\">", "name=\"password\" type=\"password\"", "<button type=\"submit\">",
                                "name=\"code_challenge\" value=\"" + challenge(verifier) + "\"", "name=\"state\" value=\"" + state + "\"",
                                "href=\"/assets/signin.css\"")
                        .doesNotContain("<script", "<style", "style=", "onload=", "onclick=", "onsubmit=", "javascript:"));
        web.get().uri("/assets/signin.css").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.valueOf("text/css"));

        URI back = signIn("manager", "letmein", challenge(verifier), state, dashboard);
        assertThat(back.getScheme() + "://" + back.getAuthority() + back.getPath()).isEqualTo(dashboard);
        Map<String, String> query = query(back);
        assertThat(query).containsEntry("state", state).containsKey("code");
        assertThat(Base64.getUrlDecoder().decode(query.get("code"))).as("32 random bytes").hasSize(32);

        Map<?, ?> tokens = trade(query.get("code"), verifier, dashboard)
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectHeader().value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("no-store"))
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(tokens.get("token_type")).isEqualTo("Bearer");
        assertThat(tokens.get("expires_in")).isEqualTo(28_800);
        String token = tokens.get("access_token").toString();
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringListClaim("roles")).containsExactly("PROPERTY_MANAGER");

        web.get().uri("/api/credits/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk();
        assertThat(backend.received()).contains(new RecordingBackend.Received("/api/credits/me", "Bearer " + token));
    }

    @Test
    void refusesAWrongVerifierAndTheCodeIsGoneAfterwards() {
        String verifier = verifier();
        String code = code("resident", verifier);

        trade(code, verifier(), dashboard).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
        trade(code, verifier, dashboard).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
    }

    @Test
    void tradesACodeOnceOnly() {
        String verifier = verifier();
        String code = code("resident", verifier);

        trade(code, verifier, dashboard).expectStatus().isOk();
        trade(code, verifier, dashboard).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
    }

    @Test
    void refusesACodeOlderThanAMinute() {
        String verifier = verifier();
        String code = code("resident", verifier);

        clock.advance(Duration.ofSeconds(61));
        trade(code, verifier, dashboard).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_grant")
                .jsonPath("$.error_description").isEqualTo("The code has expired");
    }

    @Test
    void refusesACodeTradedForAnotherRedirectUriOrClient() {
        String verifier = verifier();
        trade(code("resident", verifier), verifier, "http://localhost:" + port + "/other").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_grant");

        String another = code("resident", verifier);
        web.post().uri("/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "authorization_code").with("code", another)
                        .with("redirect_uri", dashboard).with("client_id", "someone-else").with("code_verifier", verifier))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
    }

    @Test
    void answersTokenRequestsItCannotReadAsRfc6749Errors() {
        web.post().uri("/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "authorization_code").with("code", "x"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_request");
        web.post().uri("/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("unsupported_grant_type");
    }

    @Test
    void neverSendsTheBrowserToARedirectUriThatIsNotTheDashboard() {
        String challenge = challenge(verifier());
        for (String foreign : new String[] {"https://evil.example.com/", "http://localhost:" + port + "/elsewhere",
                "http://localhost:" + port, "http://127.0.0.2:" + port + "/", dashboard + "?next=https://evil.example.com"}) {
            web.get().uri(authorize(challenge, "s", foreign)).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().doesNotExist(HttpHeaders.LOCATION)
                    .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectBody(String.class).value(page -> assertThat(page)
                            .contains("redirect_uri").doesNotContain("<form", "evil.example.com"));
            // the right password changes nothing
            web.post().uri("/auth/authorize").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(BodyInserters.fromFormData(form(challenge, "s", foreign, "admin", "letmein")))
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().doesNotExist(HttpHeaders.LOCATION);
        }
    }

    @Test
    void refusesAnUnknownClientAnotherResponseTypeAndAMissingShortOrPlainChallenge() {
        String challenge = challenge(verifier());
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("response_type=code&client_id=someone-else&redirect_uri={r}&code_challenge=" + challenge
                + "&code_challenge_method=S256", "client_id");
        refusals.put("response_type=token&client_id=" + CLIENT + "&redirect_uri={r}&code_challenge=" + challenge
                + "&code_challenge_method=S256", "response_type");
        refusals.put("response_type=code&client_id=" + CLIENT + "&redirect_uri={r}&code_challenge_method=S256", "code_challenge");
        refusals.put("response_type=code&client_id=" + CLIENT + "&redirect_uri={r}&code_challenge=abc123"
                + "&code_challenge_method=S256", "code_challenge");
        refusals.put("response_type=code&client_id=" + CLIENT + "&redirect_uri={r}&code_challenge=" + challenge
                + "&code_challenge_method=plain", "code_challenge_method");
        refusals.put("response_type=code&client_id=" + CLIENT + "&redirect_uri={r}&code_challenge=" + challenge, "code_challenge_method");
        refusals.put("response_type=code&client_id=" + CLIENT + "&client_id=" + CLIENT + "&redirect_uri={r}&code_challenge="
                + challenge + "&code_challenge_method=S256", "client_id");
        refusals.forEach((query, named) -> web.get().uri("/auth/authorize?" + query, dashboard).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().doesNotExist(HttpHeaders.LOCATION)
                .expectBody(String.class).value(page -> assertThat(page).as(query).contains(named).doesNotContain("<form")));
    }

    @Test
    void showsThePageAgainAfterAWrongPasswordAndThrottlesGuessing() {
        String challenge = challenge(verifier());
        for (int attempt = 0; attempt < 5; attempt++) {
            web.post().uri("/auth/authorize").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(BodyInserters.fromFormData(form(challenge, "s1", dashboard, "recycler", "guess-" + attempt)))
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().doesNotExist(HttpHeaders.LOCATION)
                    .expectBody(String.class).value(page -> assertThat(page)
                            .contains("Unknown demo user or wrong password", "<form", "name=\"code_challenge\" value=\"" + challenge + "\"",
                                    "value=\"recycler\"")
                            .doesNotContain("guess-"));
        }
        web.post().uri("/auth/authorize").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form(challenge, "s1", dashboard, "recycler", "letmein")))
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "900")
                .expectHeader().doesNotExist(HttpHeaders.LOCATION);
        // one throttle for both ways in: the password grant is locked for that user too
        web.post().uri("/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", "recycler").with("password", "letmein"))
                .exchange()
                .expectStatus().isEqualTo(429);
    }

    @Test
    void escapesWhatTheRequestCarriesIntoThePage() {
        String state = "x\"><script>alert(1)</script>";
        web.get().uri(authorize(challenge(verifier()), state, dashboard)).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(page -> assertThat(page)
                        .contains("value=\"x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"").doesNotContain("<script"));
        String back = signIn("resident", "letmein", challenge(verifier()), state, dashboard).toString();
        assertThat(back).startsWith(dashboard + "?code=").endsWith("&state=x%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E");
    }

    private java.util.function.Function<org.springframework.web.util.UriBuilder, URI> authorize(String challenge, String state,
            String redirectUri) {
        return builder -> builder.path("/auth/authorize")
                .queryParam("response_type", "code").queryParam("client_id", CLIENT)
                .queryParam("redirect_uri", "{redirect}").queryParam("scope", "openid").queryParam("state", "{state}")
                .queryParam("code_challenge", challenge).queryParam("code_challenge_method", "S256")
                .build(redirectUri, state);
    }

    private static MultiValueMap<String, String> form(String challenge, String state, String redirectUri, String username,
            String password) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("response_type", "code");
        form.add("client_id", CLIENT);
        form.add("redirect_uri", redirectUri);
        form.add("scope", "openid");
        form.add("state", state);
        form.add("code_challenge", challenge);
        form.add("code_challenge_method", "S256");
        form.add("username", username);
        form.add("password", password);
        return form;
    }

    /** Posts the sign-in page's form and answers where the browser is sent. */
    private URI signIn(String username, String password, String challenge, String state, String redirectUri) {
        String location = web.post().uri("/auth/authorize").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form(challenge, state, redirectUri, username, password)))
                .exchange()
                .expectStatus().isFound()
                .returnResult(Void.class).getResponseHeaders().getFirst(HttpHeaders.LOCATION);
        assertThat(location).isNotNull();
        return URI.create(location);
    }

    private String code(String username, String verifier) {
        return query(signIn(username, "letmein", challenge(verifier), "s", dashboard)).get("code");
    }

    private WebTestClient.ResponseSpec trade(String code, String verifier, String redirectUri) {
        return web.post().uri("/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .body(BodyInserters.fromFormData("grant_type", "authorization_code").with("code", code)
                        .with("redirect_uri", redirectUri).with("client_id", CLIENT).with("code_verifier", verifier))
                .exchange();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            parameters.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** A PKCE code verifier as the dashboard makes one: 32 random bytes, base64url (RFC 7636 §4.1). */
    private static String verifier() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The clock the authorization codes expire by, which a test moves forward. */
    static final class MovableClock extends Clock {

        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

        void advance(Duration duration) {
            now.updateAndGet(instant -> instant.plus(duration));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TestClock {

        @Bean
        MovableClock authorizationCodeClock() {
            return new MovableClock();
        }
    }
}
