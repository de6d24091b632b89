/** How the gateway is reached: HTTPS for the world, and a plain HTTP port for the platform's own network. */
@NullMarked
package org.communitycarbon.gateway.transport;

import org.jspecify.annotations.NullMarked;
