package org.communitycarbon.gateway.demo;

import java.time.Duration;
import java.util.List;

import org.communitycarbon.model.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether {@code POST /auth/token} issues tokens
 * @param issuer the {@code iss} of the tokens
 * @param password the one password of every demo user; the issuer refuses to start without one
 * @param tokenValidity how long a token lasts
 * @param users who can sign in, with their roles and scope
 * @param failedLoginsPerUser failed logins of one user within {@code failedLoginWindow} after which it is locked (5)
 * @param failedLoginsPerAddress failed logins from one address within the window after which it is locked (20)
 * @param failedLoginWindow how long failures count, and a lock lasts after the last one (15 minutes)
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
        @DefaultValue("15m") Duration failedLoginWindow) {

    /** A demo user and the scope their token carries. */
    public record DemoUser(String username, List<Role> roles, @Nullable String communityId, @Nullable String householdId,
            @Nullable String streetId, @DefaultValue List<String> communityIds) {
    }
}
