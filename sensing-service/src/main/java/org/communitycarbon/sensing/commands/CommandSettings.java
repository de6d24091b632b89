package org.communitycarbon.sensing.commands;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Commands to devices.
 *
 * @param timeout how long after it is made a command waits for the device's acknowledgement before it is
 *        {@code EXPIRED}; between a second and a day
 * @param relayInterval how often pending commands are published and overdue ones expired
 * @param relayBatch most commands published per round
 * @param reconcileInterval how often controllers that lack their subsystem's policy (new, replacing another, or back
 *        online after a command expired) are given it
 * @param publishTimeout how long the relay waits for the broker to take one command
 */
@ConfigurationProperties("sensing.commands")
public record CommandSettings(
        @DefaultValue("5m") Duration timeout,
        @DefaultValue("1s") Duration relayInterval,
        @DefaultValue("100") int relayBatch,
        @DefaultValue("10s") Duration reconcileInterval,
        @DefaultValue("10s") Duration publishTimeout) {

    public CommandSettings {
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("sensing.commands.timeout must be between 1s and 1d, was " + timeout);
        }
        if (relayBatch < 1 || relayBatch > 10_000) {
            throw new IllegalArgumentException("sensing.commands.relay-batch must be between 1 and 10000, was " + relayBatch);
        }
    }
}
