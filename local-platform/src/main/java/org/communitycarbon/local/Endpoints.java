package org.communitycarbon.local;

import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.infra.EmbeddedMqttBroker;
import org.jspecify.annotations.Nullable;

/**
 * Where the platform's infrastructure answers: the embedded servers of the local run and the tests, or real
 * PostgreSQL, Kafka and MQTT servers (containers of the production images, where Docker runs).
 * {@code embeddedBroker} is the MQTT broker in this JVM, whose figures the sensing service then reports as metrics.
 */
public record Endpoints(
        String jdbcUrl,
        String databaseUsername,
        String databasePassword,
        String kafkaBootstrapServers,
        String mqttUrl,
        @Nullable String mqttUsername,
        @Nullable String mqttPassword,
        @Nullable EmbeddedMqttBroker embeddedBroker) {

    public static Endpoints of(EmbeddedInfrastructure infrastructure) {
        return new Endpoints(infrastructure.postgres().jdbcUrl(), infrastructure.postgres().username(),
                infrastructure.postgres().password(), infrastructure.kafka().bootstrapServers(), infrastructure.mqtt().url(),
                infrastructure.mqtt().platformUsername(), infrastructure.mqtt().platformPassword(), infrastructure.mqtt());
    }
}
