package org.communitycarbon.sensing.inbound;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the sensing service accepts.
 *
 * @param maxClockSkew how far in the future a device's timestamp may be
 * @param maxAge how old a reading may be (devices buffer while offline and back-fill)
 * @param maxPayloadBytes larger messages are refused unread
 */
@ConfigurationProperties("sensing")
public record IngestSettings(
        @DefaultValue("5m") Duration maxClockSkew,
        @DefaultValue("7d") Duration maxAge,
        @DefaultValue("65536") int maxPayloadBytes) {
}
