package org.communitycarbon.gateway.demo;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.communitycarbon.gateway.demo.AuthorizationRequest.Checked;
import org.communitycarbon.gateway.demo.DemoLogin.Outcome;
import org.communitycarbon.gateway.demo.DemoLogin.SignedIn;
import org.communitycarbon.gateway.demo.DemoLogin.Throttled;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * The demo issuer's authorization endpoint, for the dashboard's authorization code flow with PKCE (RFC 6749 §4.1,
 * RFC 7636 {@code S256}) — the flow the dashboard uses with Keycloak in production, so it has one way to sign in.
 * {@code GET /auth/authorize} checks the request ({@link AuthorizationRequest}) and shows the sign-in page
 * ({@link SignInPage}); its form posts the same parameters back with the user name and password. Signed in, the
 * browser goes to {@code redirect_uri?code=…&state=…}; the code is traded at {@code POST /auth/token}
 * ({@link DemoTokenController}). Nothing is authorised without the password — the form needs no CSRF token: a forged
 * post without it achieves nothing, and the dashboard checks {@code state} — and the failed-login throttle and the
 * login audit apply as at the password grant ({@link DemoLogin}). A request that fails its checks gets a {@code 400}
 * page and is never redirected.
 */
@RestController
@ConditionalOnBooleanProperty("platform.demo-issuer.enabled")
class DemoAuthorizationController {

    static final String PATH = "/auth/authorize";
    static final int MAX_USERNAME = 200;
    static final int MAX_PASSWORD = 1000;

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final DemoIssuerProperties settings;
    private final DemoLogin login;
    private final AuthorizationCodes codes;

    DemoAuthorizationController(DemoIssuerProperties settings, DemoLogin login, AuthorizationCodes codes) {
        this.settings = settings;
        this.login = login;
        this.codes = codes;
    }

    @GetMapping(PATH)
    ResponseEntity<String> signInPage(ServerWebExchange exchange) {
        Checked checked = check(exchange.getRequest().getQueryParams(), exchange.getRequest());
        if (checked.request() == null) {
            return page(HttpStatus.BAD_REQUEST, SignInPage.refused(String.valueOf(checked.refusal())));
        }
        return page(HttpStatus.OK, SignInPage.form(checked.request(), null, null, settings.users()));
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<String>> signIn(ServerWebExchange exchange) {
        return exchange.getFormData().map(form -> signIn(form, exchange.getRequest()));
    }

    private ResponseEntity<String> signIn(MultiValueMap<String, String> form, ServerHttpRequest request) {
        Checked checked = check(form, request);
        AuthorizationRequest authorization = checked.request();
        if (authorization == null) {
            return page(HttpStatus.BAD_REQUEST, SignInPage.refused(String.valueOf(checked.refusal())));
        }
        String username = form.getFirst("username");
        String password = form.getFirst("password");
        if (username == null || username.isBlank() || password == null || password.isEmpty()
                || username.length() > MAX_USERNAME || password.length() > MAX_PASSWORD) {
            return page(HttpStatus.BAD_REQUEST, SignInPage.form(authorization, bounded(username),
                    "请输入用户名和密码。Enter your user name and password.", settings.users()));
        }
        Outcome outcome = login.attempt(username, password, PATH, HttpStatus.FOUND.value(), request);
        if (outcome instanceof Throttled throttled) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).contentType(HTML)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfter().toSeconds()))
                    .body(SignInPage.form(authorization, username, "登录失败次数过多，请 " + throttled.retryAfter().toMinutes()
                            + " 分钟后再试。Too many failed sign-ins; try again in " + throttled.retryAfter().toMinutes() + " minutes.",
                            settings.users()));
        }
        if (!(outcome instanceof SignedIn signedIn)) {
            return page(HttpStatus.UNAUTHORIZED, SignInPage.form(authorization, username,
                    "用户名或密码错误。Unknown demo user or wrong password.", settings.users()));
        }
        Optional<String> code = codes.issue(signedIn.user(), authorization.clientId(), authorization.redirectUri(),
                authorization.codeChallenge());
        if (code.isEmpty()) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(HTML)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(settings.codeValidity().toSeconds()))
                    .body(SignInPage.form(authorization, username, "同时登录的人过多，请稍后再试。Too many sign-ins are in progress; "
                            + "try again in a minute.", settings.users()));
        }
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, backTo(authorization, code.get())).build();
    }

    private Checked check(MultiValueMap<String, String> parameters, ServerHttpRequest request) {
        Set<String> redirectUris = settings.redirectUris().isEmpty() ? Set.of(ownOrigin(request) + "/")
                : Set.copyOf(settings.redirectUris());
        return AuthorizationRequest.check(parameters, settings.clientId(), redirectUris);
    }

    /**
     * The origin the request reached the gateway at — the dashboard's, which the gateway serves. Behind a proxy, the
     * one {@code X-Forwarded-*} names when {@code server.forward-headers-strategy} trusts them.
     */
    static String ownOrigin(ServerHttpRequest request) {
        URI uri = request.getURI();
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static String backTo(AuthorizationRequest authorization, String code) {
        StringBuilder location = new StringBuilder(authorization.redirectUri())
                .append(authorization.redirectUri().contains("?") ? '&' : '?').append("code=").append(code);
        if (authorization.state() != null) {
            location.append("&state=").append(URLEncoder.encode(authorization.state(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return location.toString();
    }

    private static @Nullable String bounded(@Nullable String username) {
        return username == null || username.length() > MAX_USERNAME ? null : username;
    }

    private static ResponseEntity<String> page(HttpStatus status, String html) {
        return ResponseEntity.status(status).contentType(HTML).body(html);
    }
}
