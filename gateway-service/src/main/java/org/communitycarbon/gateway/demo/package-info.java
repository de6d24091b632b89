/**
 * The demo token issuer: signs tokens for configured demo users, one per role, so the platform can be tried
 * without an identity provider — for the dashboard through its sign-in page (authorization code with PKCE, the flow
 * the dashboard uses with the production provider too), for scripts with the password grant. Off by default; the local platform switches it on. Its key is made at start
 * unless one is configured, so tokens end with the process. Production trusts an OIDC issuer instead.
 */
@NullMarked
package org.communitycarbon.gateway.demo;

import org.jspecify.annotations.NullMarked;
