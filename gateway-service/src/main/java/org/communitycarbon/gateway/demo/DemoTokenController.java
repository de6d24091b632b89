package org.communitycarbon.gateway.demo;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.communitycarbon.gateway.demo.DemoIssuerProperties.DemoUser;
import org.communitycarbon.gateway.demo.LoginAudit.LoginAttempt;
import org.communitycarbon.model.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * {@code POST /auth/token} with form fields {@code username} and {@code password} answers a bearer token;
 * {@code GET /oauth2/jwks} publishes the key the services verify it with; {@code GET /auth/demo-users}
 * lists who can sign in. Failed logins are throttled per user and per address ({@link LoginThrottle}). Every
 * attempt — signed in, refused, throttled — goes to the audit log ({@link LoginAudit}), never with its password.
 */
@RestController
@ConditionalOnBooleanProperty("platform.demo-issuer.enabled")
class DemoTokenController {

    private final DemoTokenIssuer issuer;
    private final DemoIssuerProperties settings;
    private final LoginThrottle throttle;
    private final LoginAudit audit;

    DemoTokenController(DemoTokenIssuer issuer, DemoIssuerProperties settings, LoginAudit audit) {
        this.issuer = issuer;
        this.settings = settings;
        this.audit = audit;
        this.throttle = new LoginThrottle(settings.failedLoginsPerUser(), settings.failedLoginsPerAddress(),
                settings.failedLoginWindow());
    }

    @PostMapping(path = "/auth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<?>> token(ServerWebExchange exchange) {
        return exchange.getFormData().map(form -> {
            String username = first(form, "username");
            String password = first(form, "password");
            if (username == null || password == null) {
                return problem(HttpStatus.BAD_REQUEST, "Form fields username and password are required");
            }
            InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
            String address = remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
            HttpHeaders headers = exchange.getRequest().getHeaders();
            if (!throttle.allowed(username, address == null ? "unknown" : address)) {
                audit.attempted(new LoginAttempt(username, null, HttpStatus.TOO_MANY_REQUESTS.value(), address,
                        headers.getFirst("X-Forwarded-For"), headers.getFirst("X-Request-Id")));
                return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                        .header(HttpHeaders.RETRY_AFTER, Long.toString(throttle.window().toSeconds()))
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                                "Too many failed logins; try again in " + throttle.window().toMinutes() + " minutes"));
            }
            Optional<DemoUser> user = issuer.authenticate(username, password);
            if (user.isEmpty()) {
                throttle.failed(username, address == null ? "unknown" : address);
                audit.attempted(new LoginAttempt(username, null, HttpStatus.UNAUTHORIZED.value(), address,
                        headers.getFirst("X-Forwarded-For"), headers.getFirst("X-Request-Id")));
                return problem(HttpStatus.UNAUTHORIZED, "Unknown demo user or wrong password");
            }
            throttle.succeeded(username);
            ResponseEntity<?> issued = ResponseEntity.ok(issuer.issue(user.get()));
            audit.attempted(new LoginAttempt(username, user.get(), HttpStatus.OK.value(), address,
                    headers.getFirst("X-Forwarded-For"), headers.getFirst("X-Request-Id")));
            return issued;
        });
    }

    private static ResponseEntity<?> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
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
            @Nullable String streetId, List<String> communityIds) {

        static DemoUserView of(DemoUser user) {
            return new DemoUserView(user.username(), user.roles(), user.communityId(), user.householdId(), user.streetId(),
                    user.communityIds());
        }
    }
}
