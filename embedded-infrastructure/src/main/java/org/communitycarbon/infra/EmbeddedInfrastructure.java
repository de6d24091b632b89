package org.communitycarbon.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL, Kafka and the MQTT broker together, started in parallel and stopped in reverse order.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    private static @Nullable EmbeddedInfrastructure shared;

    private final Path workDirectory;
    private final boolean deleteOnClose;
    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafkaServer kafka;
    private final EmbeddedMqttBroker mqtt;

    private EmbeddedInfrastructure(Path workDirectory, boolean deleteOnClose, EmbeddedPostgresServer postgres,
            EmbeddedKafkaServer kafka, EmbeddedMqttBroker mqtt) {
        this.workDirectory = workDirectory;
        this.deleteOnClose = deleteOnClose;
        this.postgres = postgres;
        this.kafka = kafka;
        this.mqtt = mqtt;
    }

    /** Ports to bind; 0 means any free port. */
    public record Ports(int postgres, int mqtt, String mqttBindAddress) {

        public static Ports anyFree() {
            return new Ports(0, 0, "127.0.0.1");
        }
    }

    /**
     * Starts all three servers. Their data lives under {@code workDirectory}, which is wiped first.
     */
    public static EmbeddedInfrastructure start(Ports ports, Path workDirectory, boolean deleteOnClose) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(workDirectory);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Kafka takes longest; PostgreSQL and the MQTT broker start beside it. If one fails, those that started
        // are stopped again, so a failed start leaves nothing running.
        var postgres = CompletableFuture.supplyAsync(
                () -> EmbeddedPostgresServer.start(ports.postgres(), workDirectory.resolve("postgres")));
        var mqtt = CompletableFuture.supplyAsync(
                () -> EmbeddedMqttBroker.start(ports.mqtt(), ports.mqttBindAddress(), workDirectory.resolve("mqtt")));
        EmbeddedKafkaServer kafka = null;
        try {
            kafka = EmbeddedKafkaServer.start();
            var infrastructure = new EmbeddedInfrastructure(workDirectory, deleteOnClose, postgres.join(), kafka, mqtt.join());
            log.info("Embedded infrastructure up in {} ms: PostgreSQL {}, Kafka {}, MQTT {}",
                    (System.nanoTime() - started) / 1_000_000, infrastructure.postgres().jdbcUrl(),
                    infrastructure.kafka().bootstrapServers(), infrastructure.mqtt().url());
            return infrastructure;
        }
        catch (RuntimeException e) {
            closeWhenStarted(mqtt, "MQTT broker");
            if (kafka != null) {
                closeQuietly(kafka, "Kafka");
            }
            closeWhenStarted(postgres, "PostgreSQL");
            if (deleteOnClose) {
                deleteRecursively(workDirectory);
            }
            throw e instanceof java.util.concurrent.CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static void closeWhenStarted(CompletableFuture<? extends AutoCloseable> server, String name) {
        try {
            closeQuietly(server.join(), name);
        }
        catch (RuntimeException e) {
            // it did not start
        }
    }

    /**
     * One set of servers for the whole JVM, on free ports, started on first use and stopped when the
     * JVM exits. Every test class of a module shares it.
     */
    public static synchronized EmbeddedInfrastructure shared() {
        if (shared == null) {
            try {
                Path work = Files.createTempDirectory("community-carbon-infra-");
                EmbeddedInfrastructure started = start(Ports.anyFree(), work, true);
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-infrastructure-shutdown"));
                shared = started;
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public EmbeddedKafkaServer kafka() {
        return kafka;
    }

    public EmbeddedMqttBroker mqtt() {
        return mqtt;
    }

    public Path workDirectory() {
        return workDirectory;
    }

    @Override
    public void close() {
        closeQuietly(mqtt, "MQTT broker");
        closeQuietly(kafka, "Kafka");
        closeQuietly(postgres, "PostgreSQL");
        if (deleteOnClose) {
            deleteRecursively(workDirectory);
        }
    }

    private static void closeQuietly(AutoCloseable server, String name) {
        try {
            server.close();
        }
        catch (Exception e) {
            log.warn("{} did not stop cleanly: {}", name, e.toString());
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException e) {
            log.warn("could not delete {}: {}", directory, e.toString());
        }
    }
}
