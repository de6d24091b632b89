package org.communitycarbon.infra;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * Who decides whether a device may connect, and what it may then publish and subscribe to: the sensing service,
 * which owns the device registry and its MQTT accounts ({@link HttpMqttAuthority}). The broker keeps only the
 * platform's own accounts itself.
 */
public interface MqttAuthority {

    /** What a connected device may do, as MQTT topic filters; everything else is refused. */
    record Grant(List<String> publish, List<String> subscribe) {
    }

    /**
     * The decision on a connection attempt.
     *
     * @param grant present when the client may connect
     * @param refusal why not, for the broker's log and the CONNACK reason string
     */
    record Decision(@Nullable Grant grant, @Nullable String refusal) {

        public static Decision allow(Grant grant) {
            return new Decision(grant, null);
        }

        public static Decision refuse(String refusal) {
            return new Decision(null, refusal);
        }
    }

    CompletableFuture<Decision> connect(String username, byte[] password, String clientId);

    /** Those of these usernames that may no longer connect (revoked, or their device retired). */
    CompletableFuture<Set<String>> inactive(Collection<String> usernames);
}
