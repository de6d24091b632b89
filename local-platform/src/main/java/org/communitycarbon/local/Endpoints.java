package org.communitycarbon.local;

import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.jspecify.annotations.Nullable;

/**
 * Where the platform's infrastructure answers: the embedded servers of the local run and the tests, or real
 * PostgreSQL, Kafka and MQTT servers (containers of the production images, where Docker runs).
 */
public record Endpoints(
        String jdbcUrl,
        String databaseUsername,
        String databasePassword,
        String kafkaBootstrapServers,
        String mqttUrl,
        @Nullable String mqttUsername,
        @Nullable String mqttPassword) {

    public static Endpoints of(EmbeddedInfrastructure infrastructure) {
        return new Endpoints(infrastructure.postgres().jdbcUrl(), infrastructure.postgres().username(),
                infrastructure.postgres().password(), infrastructure.kafka().bootstrapServers(), infrastructure.mqtt().url(),
                null, null);
    }
}
