package org.communitycarbon.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.communitycarbon.simulator.community.CommunitySpec;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.MountableFile;

/**
 * The walking skeleton on the images docker-compose.yml runs — PostgreSQL 17, Apache Kafka in KRaft mode,
 * Mosquitto with password authentication and the compose file's configuration — instead of the embedded
 * servers. It needs a Docker engine and runs only with {@code ./mvnw verify -Pproduction-images -pl local-platform -am};
 * there it fails when Docker is missing. It is never faked.
 */
@Testcontainers
class ProductionImagesIT {

    private static final String MQTT_USERNAME = "platform";
    private static final String MQTT_PASSWORD = UUID.randomUUID().toString();

    @Container
    static final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17").withDatabaseName("carbon");

    @Container
    static final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1")
            .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");

    @Container
    static final GenericContainer<?> mosquitto = new GenericContainer<>("eclipse-mosquitto:2")
            .withCopyFileToContainer(MountableFile.forHostPath("../deploy/mosquitto/mosquitto.conf"), "/mosquitto/config/mosquitto.conf")
            .withEnv(Map.of("MQTT_USERNAME", MQTT_USERNAME, "MQTT_PASSWORD", MQTT_PASSWORD))
            .withCreateContainerCmdModifier(command -> command.withEntrypoint("sh", "-c",
                    "mosquitto_passwd -b -c /mosquitto/data/passwd \"$MQTT_USERNAME\" \"$MQTT_PASSWORD\""
                            + " && chown mosquitto:mosquitto /mosquitto/data/passwd && chmod 0600 /mosquitto/data/passwd"
                            + " && exec /usr/sbin/mosquitto -c /mosquitto/config/mosquitto.conf"))
            .withExposedPorts(1883)
            .waitingFor(Wait.forLogMessage(".*running.*", 1));

    @Test
    void aDepositOverAuthenticatedMqttBecomesCreditsOnTheProductionImages() throws Exception {
        String mqttUrl = "tcp://" + mosquitto.getHost() + ":" + mosquitto.getMappedPort(1883);
        Endpoints endpoints = new Endpoints(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword(),
                kafka.getBootstrapServers(), mqttUrl, MQTT_USERNAME, MQTT_PASSWORD, null);
        try (LocalPlatform platform = LocalPlatform.start(new LocalPlatform.Settings(Ports.anyFree(), null), endpoints)) {
            platform.registerSimulatedCommunity(CommunitySpec.defaults());
            Gateway gateway = new Gateway(platform.gatewayUrl());
            String resident = gateway.token("tryout");
            MqttClient device = new MqttClient(mqttUrl, "device-" + UUID.randomUUID(), new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName(MQTT_USERNAME);
            options.setPassword(MQTT_PASSWORD.getBytes(StandardCharsets.UTF_8));
            device.connect(options);
            String deposit = "{\"dateObserved\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                    + "\",\"householdId\":\"b09-0101\",\"wasteKind\":\"PERISHABLE\",\"weight\":1.25,\"correctlySorted\":true}";
            device.publish("cc/maple-court/waste-bin/bin-dp9-perishable/deposit", deposit.getBytes(StandardCharsets.UTF_8), 1, false);
            device.disconnect();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(gateway.get("/api/credits/me", resident).body().get("balance").asLong()).isEqualTo(250));
        }
    }
}
