package org.communitycarbon.ops.live;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the live stream.
 *
 * @param maxStreams streams one instance serves at once; beyond it a new one is refused with 503
 * @param maxStreamsPerUser streams one user may hold open at once (a few tabs); beyond it 429
 * @param samplesPerSecond bin readings sent per community per second at most; the rest are left out (the plan of the
 *        drop points reads the latest levels anyway)
 * @param heartbeat a comment sent this often so proxies keep the connection open (below the gateway's 30 s read timeout)
 * @param streamLifetime a stream ends after this long and the dashboard reconnects, so a revoked token stops streaming
 */
@ConfigurationProperties("ops.live")
record LiveSettings(@DefaultValue("500") int maxStreams, @DefaultValue("5") int maxStreamsPerUser,
        @DefaultValue("10") int samplesPerSecond, @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("10m") Duration streamLifetime) {
}
