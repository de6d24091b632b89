/**
 * The demo token issuer: signs tokens for configured demo users, one per role, so the platform can be tried
 * without an identity provider. Off by default; the local platform switches it on. Its key is made at start
 * unless one is configured, so tokens end with the process. Production trusts an OIDC issuer instead.
 */
@NullMarked
package org.communitycarbon.gateway.demo;

import org.jspecify.annotations.NullMarked;
