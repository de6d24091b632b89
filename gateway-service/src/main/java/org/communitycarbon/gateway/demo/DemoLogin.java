package org.communitycarbon.gateway.demo;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

import org.communitycarbon.gateway.demo.DemoIssuerProperties.DemoUser;
import org.communitycarbon.gateway.demo.LoginAudit.LoginAttempt;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * One way to check a demo user's password, wherever it is given — the password grant at {@code POST /auth/token} and
 * the sign-in page of the authorization code flow at {@code POST /auth/authorize}: the failed-login throttle first
 * ({@link LoginThrottle}, shared by both, so the page is no way around it), then the password, and every attempt to
 * the audit log ({@link LoginAudit}), never with its password.
 */
final class DemoLogin {

    /** What came of an attempt. */
    sealed interface Outcome {
    }

    record SignedIn(DemoUser user) implements Outcome {
    }

    record Refused() implements Outcome {
    }

    record Throttled(Duration retryAfter) implements Outcome {
    }

    private final DemoTokenIssuer issuer;
    private final LoginThrottle throttle;
    private final LoginAudit audit;

    DemoLogin(DemoTokenIssuer issuer, LoginThrottle throttle, LoginAudit audit) {
        this.issuer = issuer;
        this.throttle = throttle;
        this.audit = audit;
    }

    /**
     * @param route the path the password was posted to, for the audit log
     * @param successStatus what the caller answers a success with ({@code 200} a token, {@code 302} back with a code)
     */
    Outcome attempt(String username, String password, String route, int successStatus, ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        String address = remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
        String counted = address == null ? "unknown" : address;
        if (!throttle.allowed(username, counted)) {
            record(request, new Attempted(username, null, route, HttpStatus.TOO_MANY_REQUESTS.value(), address));
            return new Throttled(throttle.window());
        }
        Optional<DemoUser> user = issuer.authenticate(username, password);
        if (user.isEmpty()) {
            throttle.failed(username, counted);
            record(request, new Attempted(username, null, route, HttpStatus.UNAUTHORIZED.value(), address));
            return new Refused();
        }
        throttle.succeeded(username);
        record(request, new Attempted(username, user.get(), route, successStatus, address));
        return new SignedIn(user.get());
    }

    private void record(ServerHttpRequest request, Attempted attempt) {
        HttpHeaders headers = request.getHeaders();
        audit.attempted(new LoginAttempt(attempt.username(), attempt.user(), attempt.route(), attempt.status(), attempt.address(),
                headers.getFirst("X-Forwarded-For"), headers.getFirst("X-Request-Id")));
    }

    private record Attempted(String username, @Nullable DemoUser user, String route, int status, @Nullable String address) {
    }
}
