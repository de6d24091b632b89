package org.communitycarbon.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitycarbon.infra.DatabaseLogin;
import org.communitycarbon.infra.SchemaRoles;
import org.communitycarbon.simulator.community.CommunitySpec;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.MountableFile;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The walking skeleton on the images docker-compose.yml runs — PostgreSQL 17, Apache Kafka in KRaft mode,
 * Mosquitto with mosquitto-go-auth and the compose file's configuration, entry point and device accounts — instead of
 * the embedded servers. It needs a Docker engine and runs only with {@code ./mvnw verify -Pproduction-images -pl local-platform -am};
 * there it fails when Docker is missing. It is never faked.
 */
@Testcontainers
class ProductionImagesIT {

    private static final String MQTT_USERNAME = "platform";
    private static final String MQTT_PASSWORD = UUID.randomUUID().toString();

    /** The services' schemas, whose roles deploy/postgres/create-service-roles.sh makes as docker-compose runs it. */
    private static final List<String> SCHEMAS = List.of("sensing", "accounting", "credits", "recycling", "ops");
    private static final Map<String, SchemaRoles> DATABASE_ROLES = SCHEMAS.stream().collect(java.util.stream.Collectors.toMap(
            schema -> schema, schema -> new SchemaRoles(schema, new DatabaseLogin(SchemaRoles.ownerName(schema), UUID.randomUUID().toString()),
                    new DatabaseLogin(SchemaRoles.appName(schema), UUID.randomUUID().toString()))));

    @Container
    static final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17").withDatabaseName("carbon")
            .withCopyFileToContainer(MountableFile.forHostPath("../deploy/postgres/create-service-roles.sh", 0755),
                    "/docker-entrypoint-initdb.d/create-service-roles.sh")
            .withEnv(databasePasswords());

    /** The passwords docker-compose passes the postgres container from .env. */
    private static Map<String, String> databasePasswords() {
        Map<String, String> environment = new java.util.HashMap<>();
        DATABASE_ROLES.forEach((schema, roles) -> {
            String prefix = schema.toUpperCase(java.util.Locale.ROOT);
            environment.put(prefix + "_DATABASE_PASSWORD", roles.app().password());
            environment.put(prefix + "_DATABASE_MIGRATION_PASSWORD", roles.owner().password());
        });
        return environment;
    }

    @Container
    static final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1")
            .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");

    /** The sensing service runs in this JVM; Mosquitto's go-auth asks its broker hook through the host. */
    private static final Ports PORTS = Ports.anyFree();

    static {
        org.testcontainers.Testcontainers.exposeHostPorts(PORTS.sensing());
    }

    private static final String THROWAWAY_CERTIFICATE = "mkdir -p /mosquitto/certs && openssl req -x509 -newkey rsa:2048 -nodes "
            + "-subj /CN=localhost -days 1 -keyout /mosquitto/certs/mosquitto.key -out /mosquitto/certs/mosquitto.crt "
            + "&& cp /mosquitto/certs/mosquitto.crt /mosquitto/certs/ca.crt && ";

    @Container
    static final GenericContainer<?> mosquitto = new GenericContainer<>(composeImage("mosquitto"))
            .withCopyToContainer(Transferable.of(mosquittoConfiguration()), "/mosquitto/config/mosquitto.conf")
            .withEnv(Map.of("MQTT_USERNAME", MQTT_USERNAME, "MQTT_PASSWORD", MQTT_PASSWORD))
            // compose mounts the certificates of deploy/tls/make-self-signed.sh; here a throwaway one is made in the container
            .withCreateContainerCmdModifier(command -> command.withEntrypoint("sh", "-c", THROWAWAY_CERTIFICATE + composeEntrypoint("mosquitto")))
            .withExposedPorts(1883)
            .waitingFor(Wait.forLogMessage(".*running.*", 1));

    /** deploy/mosquitto/mosquitto.conf with the broker hook at this JVM's sensing service. */
    private static String mosquittoConfiguration() {
        try {
            return Files.readString(Path.of("../deploy/mosquitto/mosquitto.conf"))
                    .replace("auth_opt_http_host sensing-service", "auth_opt_http_host host.testcontainers.internal")
                    .replace("auth_opt_http_port 8081", "auth_opt_http_port " + PORTS.sensing());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The image of a docker-compose.yml service. */
    private static String composeImage(String service) {
        return compose(service).get("image").toString();
    }

    /** The shell command of a docker-compose.yml service's entry point ({@code sh -c <command>}), for a shell without compose's {@code $$}. */
    private static String composeEntrypoint(String service) {
        List<?> entrypoint = (List<?>) compose(service).get("entrypoint");
        return entrypoint.get(2).toString().replace("$$", "$");
    }

    private static Map<?, ?> compose(String service) {
        try {
            Map<?, ?> file = new org.yaml.snakeyaml.Yaml().load(Files.readString(Path.of("../docker-compose.yml")));
            return (Map<?, ?>) ((Map<?, ?>) file.get("services")).get(service);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aDepositOverAuthenticatedMqttBecomesCreditsOnTheProductionImages() throws Exception {
        String mqttUrl = "tcp://" + mosquitto.getHost() + ":" + mosquitto.getMappedPort(1883);
        Endpoints endpoints = new Endpoints(postgres.getJdbcUrl(), DATABASE_ROLES::get,
                kafka.getBootstrapServers(), mqttUrl, MQTT_USERNAME, MQTT_PASSWORD, null);
        try (LocalPlatform platform = LocalPlatform.start(new LocalPlatform.Settings(PORTS, null), endpoints)) {
            platform.registerSimulatedCommunity(CommunitySpec.defaults());
            Gateway gateway = new Gateway(platform);
            String resident = gateway.token("tryout");
            Gateway.Response issued = gateway.post("/api/sensing/communities/maple-court/mqtt-accounts", gateway.token("manager"),
                    Map.of("kind", "device", "name", "bin-dp9-perishable"), Map.of());
            String username = issued.body().get("username").asString();
            String password = issued.body().get("password").asString();

            MqttConnectionOptions anonymous = new MqttConnectionOptions();
            assertThatThrownBy(() -> new MqttClient(mqttUrl, "anonymous", new MemoryPersistence()).connect(anonymous))
                    .as("an anonymous client").isInstanceOf(MqttException.class);

            MqttAsyncClient device = new MqttAsyncClient(mqttUrl, username, new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName(username);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
            device.connect(options).waitForCompletion(10_000);
            String deposit = "{\"dateObserved\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                    + "\",\"householdId\":\"b09-0101\",\"wasteKind\":\"PERISHABLE\",\"weight\":1.25,\"correctlySorted\":true}";
            device.publish("cc/maple-court/waste-bin/bin-dp9-perishable/deposit", deposit.getBytes(StandardCharsets.UTF_8), 1, false)
                    .waitForCompletion(10_000);
            // Mosquitto answers a publish under another device's topic with PUBACK 0x87 and drops it
            MqttMessage foreign = new MqttMessage(deposit.replace("1.25", "90").getBytes(StandardCharsets.UTF_8));
            foreign.setQos(1);
            IMqttToken refused = device.publish("cc/maple-court/waste-bin/bin-dp9-residual/deposit", foreign);
            refused.waitForCompletion(10_000);
            assertThat(refused.getReasonCodes()).containsExactly(135);
            device.disconnect().waitForCompletion(10_000);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(gateway.get("/api/credits/me", resident).body().get("balance").asLong()).isEqualTo(250));
        }
    }
}
