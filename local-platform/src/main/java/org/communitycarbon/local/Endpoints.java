package org.communitycarbon.local;

import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.infra.EmbeddedMqttBroker;
import org.communitycarbon.infra.SchemaRoles;
import org.jspecify.annotations.Nullable;

/**
 * Where the platform's infrastructure answers: the embedded servers of the local run and the tests, or real
 * PostgreSQL, Kafka and MQTT servers (containers of the production images, where Docker runs).
 * {@code databaseRoles} gives each service's schema its own roles (no service logs in as the superuser);
 * {@code embeddedBroker} is the MQTT broker in this JVM, whose figures the sensing service then reports as metrics.
 */
public record Endpoints(
        String jdbcUrl,
        DatabaseRoles databaseRoles,
        String kafkaBootstrapServers,
        String mqttUrl,
        @Nullable String mqttUsername,
        @Nullable String mqttPassword,
        @Nullable EmbeddedMqttBroker embeddedBroker) {

    /** The roles of a service's schema: its owner, which migrates, and the role the service runs as. */
    @FunctionalInterface
    public interface DatabaseRoles {

        SchemaRoles of(String schema);
    }

    public static Endpoints of(EmbeddedInfrastructure infrastructure) {
        return new Endpoints(infrastructure.postgres().jdbcUrl(), infrastructure.postgres()::roles,
                infrastructure.kafka().bootstrapServers(), infrastructure.mqtt().url(),
                infrastructure.mqtt().platformUsername(), infrastructure.mqtt().platformPassword(), infrastructure.mqtt());
    }
}
