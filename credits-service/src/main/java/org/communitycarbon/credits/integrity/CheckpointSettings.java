package org.communitycarbon.credits.integrity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often the ledger is checkpointed ({@code credits.checkpoint.interval}, hourly by default). One instance
 * checkpoints at a time (an advisory lock); a round in which no account changed writes nothing.
 */
@ConfigurationProperties("credits.checkpoint")
public record CheckpointSettings(@DefaultValue("PT1H") Duration interval) {

    public CheckpointSettings {
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("credits.checkpoint.interval must be at least a second, was " + interval);
        }
    }
}
