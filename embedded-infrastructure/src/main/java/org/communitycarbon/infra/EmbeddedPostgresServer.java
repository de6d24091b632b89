package org.communitycarbon.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL 17 server from the zonky binaries on Maven Central, with one database for the platform.
 * Each service keeps its tables in its own schema of that database.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String DATABASE = "carbon";
    public static final String USERNAME = "postgres";

    private final Path dataDirectory;
    private final int port;
    private volatile EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, int port) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /**
     * @param port 0 for any free port
     * @param dataDirectory where the cluster lives; it is wiped first
     */
    public static EmbeddedPostgresServer start(int port, Path dataDirectory) {
        deleteRecursively(dataDirectory);
        int listenPort = port == 0 ? FreePorts.any() : port;
        EmbeddedPostgres postgres = launch(listenPort, dataDirectory);
        createDatabase(postgres);
        return new EmbeddedPostgresServer(postgres, dataDirectory, listenPort);
    }

    private static EmbeddedPostgres launch(int port, Path dataDirectory) {
        try {
            return EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    // Wiped by start() and by the infrastructure's close(), not by the library: stop() and restart() keep it.
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Stopped in order by EmbeddedInfrastructure, after the services that use it, not by a JVM
                    // shutdown hook of its own racing theirs.
                    .setRegisterShutdownHook(false)
                    // six services with their pools, plus the tests' own connections
                    .setServerConfig("max_connections", "300")
                    // embedded data is disposable: trade durability for speed, and write as little WAL as PostgreSQL can
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("wal_level", "minimal")
                    .setServerConfig("max_wal_senders", "0")
                    .setServerConfig("max_wal_size", "2GB")
                    .setServerConfig("checkpoint_timeout", "15min")
                    .setServerConfig("shared_buffers", "256MB")
                    .start();
        }
        catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    /** Stops the server and keeps its data, as an outage would: connections fail until {@link #restart()}. */
    public synchronized void stop() {
        try {
            postgres.close();
        }
        catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }

    /** Starts the server again on the same port with the same data. */
    public synchronized void restart() {
        postgres = launch(port, dataDirectory);
    }

    private static void createDatabase(EmbeddedPostgres postgres) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!exists.next()) {
                    statement.execute("CREATE DATABASE " + DATABASE);
                }
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("could not create database " + DATABASE, e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    public String username() {
        return USERNAME;
    }

    /** The embedded server trusts local connections; any password is accepted. */
    public String password() {
        return "";
    }

    @Override
    public void close() {
        stop();
        deleteRecursively(dataDirectory);
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not wipe " + directory, e);
        }
    }
}
