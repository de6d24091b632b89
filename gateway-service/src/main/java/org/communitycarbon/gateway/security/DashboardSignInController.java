package org.communitycarbon.gateway.security;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /auth/config}, open to all: where the dashboard signs in ({@link DashboardSignIn}). */
@RestController
class DashboardSignInController {

    private final DashboardSignIn signIn;

    DashboardSignInController(DashboardSignIn signIn) {
        this.signIn = signIn;
    }

    @GetMapping("/auth/config")
    DashboardSignIn configuration() {
        return signIn;
    }
}
