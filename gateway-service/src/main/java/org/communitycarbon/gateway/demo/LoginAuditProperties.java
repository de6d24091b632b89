package org.communitycarbon.gateway.demo;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo issuer's login attempts on the audit topic ({@code docs/audit.md}, logins).
 *
 * @param bootstrapServers the Kafka the services use ({@code KAFKA_BOOTSTRAP_SERVERS}); none: attempts are not sent
 * @param queueCapacity attempts waiting to be handed to the producer, beyond which new ones are dropped (and counted)
 * @param maxBlock how long handing one attempt to the producer may wait for Kafka's metadata or buffer space, on the
 *        audit's own thread, never a request's
 * @param deliveryTimeout how long the producer tries to deliver one attempt before it counts it as unrecorded
 */
@ConfigurationProperties("platform.demo-issuer.audit")
public record LoginAuditProperties(
        @Nullable String bootstrapServers,
        @DefaultValue("1000") int queueCapacity,
        @DefaultValue("5s") Duration maxBlock,
        @DefaultValue("30s") Duration deliveryTimeout) {

    boolean configured() {
        return bootstrapServers != null && !bootstrapServers.isBlank();
    }
}
