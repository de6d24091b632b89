/**
 * Every request needs a bearer JWT. Roles come from the {@code roles} claim (its name is configurable
 * for an external issuer); the {@link org.communitycarbon.support.security.Caller} carries the household,
 * community or street the caller is scoped to, and each controller checks it before reading or writing.
 * 401 and 403 answers are RFC 9457 problem details like every other error.
 */
@NullMarked
package org.communitycarbon.support.security;

import org.jspecify.annotations.NullMarked;
