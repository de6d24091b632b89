/** Bearer-token authentication at the edge and problem-detail answers for every error the gateway makes. */
@NullMarked
package org.communitycarbon.gateway.security;

import org.jspecify.annotations.NullMarked;
