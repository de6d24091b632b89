package org.communitycarbon.gateway.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.communitycarbon.gateway.demo.DemoIssuerProperties.DemoUser;
import org.communitycarbon.gateway.demo.DemoLogin.Outcome;
import org.communitycarbon.gateway.demo.DemoLogin.SignedIn;
import org.communitycarbon.gateway.demo.DemoLogin.Throttled;
import org.communitycarbon.model.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * {@code POST /auth/token} answers a bearer token for a form of one of two grants: the authorization code of the
 * dashboard's sign-in ({@code grant_type=authorization_code} with {@code code}, {@code redirect_uri},
 * {@code client_id} and the PKCE {@code code_verifier}: RFC 6749 §4.1.3, RFC 7636 §4.5; a code from
 * {@link DemoAuthorizationController}, traded once), or a user name and password ({@code username}, {@code password},
 * with {@code grant_type=password} or none: for curl and scripts). Failed logins are throttled per user and per
 * address and every password attempt goes to the audit log ({@link DemoLogin}). The code grant's errors are RFC 6749
 * §5.2's ({@code {"error":"invalid_grant"}} with {@code 400}), the password grant's problem details as before.
 * {@code GET /oauth2/jwks} publishes the key the services verify tokens with; {@code GET /auth/demo-users} lists who
 * can sign in.
 */
@RestController
@ConditionalOnBooleanProperty("platform.demo-issuer.enabled")
class DemoTokenController {

    static final String PATH = "/auth/token";

    private static final Pattern CODE_VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final int MAX_CODE = 100;
    private static final int MAX_FIELD = 2000;

    private final DemoTokenIssuer issuer;
    private final DemoIssuerProperties settings;
    private final DemoLogin login;
    private final AuthorizationCodes codes;

    DemoTokenController(DemoTokenIssuer issuer, DemoIssuerProperties settings, DemoLogin login, AuthorizationCodes codes) {
        this.issuer = issuer;
        this.settings = settings;
        this.login = login;
        this.codes = codes;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<?>> token(ServerWebExchange exchange) {
        return exchange.getFormData().map(form -> {
            String grantType = first(form, "grant_type");
            if (grantType == null || grantType.equals("password")) {
                return password(form, exchange.getRequest());
            }
            if (grantType.equals("authorization_code")) {
                return authorizationCode(form);
            }
            return oauthError(HttpStatus.BAD_REQUEST, "unsupported_grant_type",
                    "grant_type must be authorization_code (or password, for scripts)");
        });
    }

    private ResponseEntity<?> password(MultiValueMap<String, String> form, ServerHttpRequest request) {
        String username = first(form, "username");
        String password = first(form, "password");
        if (username == null || password == null) {
            return problem(HttpStatus.BAD_REQUEST, "Form fields username and password are required");
        }
        Outcome outcome = login.attempt(username, password, PATH, HttpStatus.OK.value(), request);
        if (outcome instanceof Throttled throttled) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfter().toSeconds()))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                            "Too many failed logins; try again in " + throttled.retryAfter().toMinutes() + " minutes"));
        }
        if (outcome instanceof SignedIn signedIn) {
            return ResponseEntity.ok(issuer.issue(signedIn.user()));
        }
        return problem(HttpStatus.UNAUTHORIZED, "Unknown demo user or wrong password");
    }

    private ResponseEntity<?> authorizationCode(MultiValueMap<String, String> form) {
        for (String name : List.of("grant_type", "code", "redirect_uri", "client_id", "code_verifier")) {
            List<String> values = form.get(name);
            if (values == null || values.size() != 1 || values.get(0).isBlank() || values.get(0).length() > MAX_FIELD) {
                return oauthError(HttpStatus.BAD_REQUEST, "invalid_request", "The form needs " + name + " once");
            }
        }
        String code = form.getFirst("code");
        String verifier = form.getFirst("code_verifier");
        if (code.length() > MAX_CODE) {
            return oauthError(HttpStatus.BAD_REQUEST, "invalid_grant", AuthorizationCodes.Refusal.UNKNOWN.description);
        }
        if (!CODE_VERIFIER.matcher(verifier).matches()) {
            return oauthError(HttpStatus.BAD_REQUEST, "invalid_request",
                    "code_verifier must be 43 to 128 characters of A-Z, a-z, 0-9, '-', '.', '_', '~' (RFC 7636 §4.1)");
        }
        AuthorizationCodes.Redemption redemption = codes.redeem(code, form.getFirst("client_id"), form.getFirst("redirect_uri"),
                verifier);
        if (redemption.user().isEmpty()) {
            return oauthError(HttpStatus.BAD_REQUEST, "invalid_grant", redemption.refusal().map(refusal -> refusal.description)
                    .orElse("The code is not valid"));
        }
        return ResponseEntity.ok(issuer.issue(redemption.user().get()));
    }

    private static ResponseEntity<?> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }

    /** An error as RFC 6749 §5.2 has the token endpoint answer it. */
    private static ResponseEntity<?> oauthError(HttpStatus status, String error, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @GetMapping("/oauth2/jwks")
    Map<String, Object> jwks() {
        return issuer.jwks();
    }

    @GetMapping("/auth/demo-users")
    List<DemoUserView> users() {
        return settings.users().stream().map(DemoUserView::of).toList();
    }

    private static @Nullable String first(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null || value.isBlank() ? null : value;
    }

    record DemoUserView(String username, List<Role> roles, @Nullable String communityId, @Nullable String householdId,
            @Nullable String streetId, List<String> communityIds, @Nullable String partnerId) {

        static DemoUserView of(DemoUser user) {
            return new DemoUserView(user.username(), user.roles(), user.communityId(), user.householdId(), user.streetId(),
                    user.communityIds(), user.partnerId());
        }
    }
}
