package org.communitycarbon.gateway.demo;

import org.communitycarbon.gateway.demo.DemoIssuerProperties.DemoUser;
import org.jspecify.annotations.Nullable;

/**
 * Where the demo issuer reports each login attempt. It must return at once: it is called on the request's thread,
 * and a login never waits for, or fails because of, the audit log.
 */
interface LoginAudit {

    /** Records nothing: no Kafka is configured. */
    LoginAudit NONE = attempt -> { };

    void attempted(LoginAttempt attempt);

    /**
     * A login attempt as the demo issuer answered it. Never the password.
     *
     * @param username the user name tried, whether or not such a demo user exists
     * @param user the demo user signed in, on a success only
     * @param route where the password was given: {@code /auth/token} (the password grant) or {@code /auth/authorize}
     *        (the sign-in page of the authorization code flow)
     * @param status {@code 200} signed in (the sign-in page: {@code 302}, back to the dashboard with a code),
     *        {@code 401} unknown user or wrong password, {@code 429} throttled
     * @param clientAddress the address the request came from
     * @param forwardedFor the {@code X-Forwarded-For} header as received
     * @param requestId the {@code X-Request-Id} header as received
     */
    record LoginAttempt(String username, @Nullable DemoUser user, String route, int status, @Nullable String clientAddress,
            @Nullable String forwardedFor, @Nullable String requestId) {
    }
}
