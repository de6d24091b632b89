/**
 * The token contract: the roles a caller can hold and the claims that scope them to a household, a
 * community or the communities of a street. The gateway's demo issuer writes these claims; every
 * service reads them.
 */
@NullMarked
package org.communitycarbon.model.security;

import org.jspecify.annotations.NullMarked;
