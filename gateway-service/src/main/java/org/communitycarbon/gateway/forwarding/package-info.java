/** Forwarding verified reads to the services without the full reactive chain: the gateway's fast lane. */
@NullMarked
package org.communitycarbon.gateway.forwarding;

import org.jspecify.annotations.NullMarked;
