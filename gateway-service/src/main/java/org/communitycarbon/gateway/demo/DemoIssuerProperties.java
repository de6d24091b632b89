package org.communitycarbon.gateway.demo;

import java.time.Duration;
import java.util.List;

import org.communitycarbon.model.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether the demo issuer signs users in ({@code /auth/authorize}) and issues tokens ({@code POST /auth/token})
 * @param issuer the {@code iss} of the tokens
 * @param password the one password of every demo user; the issuer refuses to start without one
 * @param tokenValidity how long a token lasts
 * @param users who can sign in, with their roles and scope
 * @param failedLoginsPerUser failed logins of one user within {@code failedLoginWindow} after which it is locked (5)
 * @param failedLoginsPerAddress failed logins from one address within the window after which it is locked (20)
 * @param failedLoginWindow how long failures count, and a lock lasts after the last one (15 minutes)
 * @param clientId the one client of the authorization code flow ({@code GET /auth/authorize}): the dashboard
 * @param redirectUris where that flow may send the browser back with a code, compared exactly; none (the default):
 *        only the gateway's own origin followed by {@code /}, as the request reached it — where it serves the dashboard
 * @param codeValidity how long an authorization code may be traded for a token (60 seconds)
 * @param pendingCodes how many authorization codes may wait to be traded at once; past it, sign-ins are refused (503)
 *        until some are used or expire
 */
@ConfigurationProperties("platform.demo-issuer")
public record DemoIssuerProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("http://localhost:8080") String issuer,
        @Nullable String password,
        @DefaultValue("8h") Duration tokenValidity,
        @DefaultValue List<DemoUser> users,
        @DefaultValue("5") int failedLoginsPerUser,
        @DefaultValue("20") int failedLoginsPerAddress,
        @DefaultValue("15m") Duration failedLoginWindow,
        @DefaultValue("community-carbon-web") String clientId,
        @DefaultValue List<String> redirectUris,
        @DefaultValue("60s") Duration codeValidity,
        @DefaultValue("10000") int pendingCodes) {

    public DemoIssuerProperties {
        if (codeValidity.isNegative() || codeValidity.isZero() || codeValidity.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("platform.demo-issuer.code-validity must be above 0 and at most 10 minutes (RFC 6749 §4.1.2)");
        }
        if (pendingCodes < 1) {
            throw new IllegalArgumentException("platform.demo-issuer.pending-codes must be at least 1");
        }
    }

    /** A demo user and the scope their token carries. */
    public record DemoUser(String username, List<Role> roles, @Nullable String communityId, @Nullable String householdId,
            @Nullable String streetId, @DefaultValue List<String> communityIds, @Nullable String partnerId) {
    }
}
