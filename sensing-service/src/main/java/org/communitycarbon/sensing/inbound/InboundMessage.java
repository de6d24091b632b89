package org.communitycarbon.sensing.inbound;

import java.time.Instant;

/**
 * An MQTT message as it arrived, and the way to release it: {@link #done()} once what was made of it is safe
 * (Kafka acknowledged it), after which the broker forgets it. Until then the broker keeps it and sends it again
 * after a crash or reconnect.
 */
public record InboundMessage(String topic, byte[] payload, Instant receivedAt, Runnable done) {

    public void acknowledge() {
        done.run();
    }
}
