package org.communitycarbon.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL 17 server from the zonky binaries on Maven Central, with one database for the platform.
 * Each service keeps its tables in its own schema of that database, owned by that schema's own roles
 * ({@link #roles(String)}): no service logs in as the superuser.
 * <p>
 * Every role, the superuser included, logs in with a password made for this start (SCRAM); the superuser's
 * ({@link #admin()}) is for the tests' and the local run's own inspection only.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String DATABASE = "carbon";
    public static final String ADMIN_USERNAME = "postgres";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dataDirectory;
    private final int port;
    private final DatabaseLogin admin;
    private final Map<String, SchemaRoles> roles = new HashMap<>();
    private volatile EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, int port, DatabaseLogin admin) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.admin = admin;
    }

    /**
     * The system property that preloads {@code pg_stat_statements}, so a benchmark can count the statements a request costs
     * (off by default: it costs every statement a little).
     */
    public static final String STATEMENT_STATISTICS = "embedded.postgres.statement-statistics";

    /**
     * @param port 0 for any free port
     * @param dataDirectory where the cluster lives; it is wiped first
     */
    public static EmbeddedPostgresServer start(int port, Path dataDirectory) {
        deleteRecursively(dataDirectory);
        int listenPort = port == 0 ? FreePorts.any() : port;
        DatabaseLogin admin = new DatabaseLogin(ADMIN_USERNAME, newPassword());
        EmbeddedPostgres postgres = launch(listenPort, dataDirectory, admin);
        secure(postgres, admin, dataDirectory);
        createDatabase(postgres);
        return new EmbeddedPostgresServer(postgres, dataDirectory, listenPort, admin);
    }

    private static EmbeddedPostgres launch(int port, Path dataDirectory, DatabaseLogin admin) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    // zonky's own connections (its readiness check) log in as the superuser with its password; until
                    // secure() has set it, initdb's trust ignores it
                    .setConnectConfig("password", admin.password())
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
                    .setServerConfig("shared_buffers", "256MB");
            if (Boolean.getBoolean(STATEMENT_STATISTICS)) {
                // only where a benchmark counts statements: it costs every statement a little
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            return builder.start();
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
        postgres = launch(port, dataDirectory, admin);
    }

    /**
     * zonky's initdb trusts every local connection, whatever the role. Gives the superuser its password, then makes
     * every role, the superuser too, log in with its password.
     */
    private static void secure(EmbeddedPostgres postgres, DatabaseLogin admin, Path dataDirectory) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER ROLE " + admin.username() + " PASSWORD '" + admin.password() + "'");
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), """
                    # Written by EmbeddedPostgresServer: every role logs in with its password.
                    # TYPE  DATABASE  USER  ADDRESS       METHOD
                    local   all       all                 scram-sha-256
                    host    all       all   127.0.0.1/32  scram-sha-256
                    host    all       all   ::1/128       scram-sha-256
                    """);
            try (ResultSet reloaded = statement.executeQuery("SELECT pg_reload_conf()")) {
                reloaded.next();
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("could not set the PostgreSQL superuser's password", e);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not write pg_hba.conf", e);
        }
    }

    /**
     * Creates the platform's database, which only the roles given {@code CONNECT} may enter: {@code PUBLIC} loses its
     * default {@code CONNECT} and {@code TEMPORARY} there and in the {@code postgres} database, and the {@code public}
     * schema is nobody's to use.
     */
    private static void createDatabase(EmbeddedPostgres postgres) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!exists.next()) {
                    statement.execute("CREATE DATABASE " + DATABASE);
                }
            }
            statement.execute("REVOKE ALL ON DATABASE " + DATABASE + " FROM PUBLIC");
            statement.execute("REVOKE ALL ON DATABASE postgres FROM PUBLIC");
        }
        catch (SQLException e) {
            throw new IllegalStateException("could not create database " + DATABASE, e);
        }
        try (Connection connection = postgres.getDatabase(ADMIN_USERNAME, DATABASE).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
        }
        catch (SQLException e) {
            throw new IllegalStateException("could not lock the public schema of " + DATABASE, e);
        }
    }

    /**
     * The roles of {@code schema}, created with the schema on first use with passwords made for this start, as
     * deploy/postgres/create-service-roles.sh does for docker-compose: {@code <schema>_owner} owns the schema, and its
     * default privileges give {@code <schema>_app} {@code SELECT, INSERT, UPDATE, DELETE} on each table and
     * {@code USAGE, SELECT, UPDATE} on each sequence it creates. Neither may connect to anything else or create
     * another schema.
     */
    public synchronized SchemaRoles roles(String schema) {
        SchemaRoles existing = roles.get(schema);
        if (existing != null) {
            return existing;
        }
        SchemaRoles created = new SchemaRoles(schema, new DatabaseLogin(SchemaRoles.ownerName(schema), newPassword()),
                new DatabaseLogin(SchemaRoles.appName(schema), newPassword()));
        String owner = created.owner().username();
        String app = created.app().username();
        try (Connection connection = adminDataSource().getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (DatabaseLogin login : new DatabaseLogin[] {created.owner(), created.app()}) {
                statement.execute("CREATE ROLE " + login.username() + " LOGIN NOINHERIT PASSWORD '" + login.password() + "'");
            }
            statement.execute("GRANT CONNECT ON DATABASE " + DATABASE + " TO " + owner + ", " + app);
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema + " AUTHORIZATION " + owner);
            statement.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + app);
            statement.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA " + schema
                    + " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + app);
            statement.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA " + schema
                    + " GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO " + app);
            connection.commit();
        }
        catch (SQLException e) {
            throw new IllegalStateException("could not create the roles of schema " + schema, e);
        }
        roles.put(schema, created);
        return created;
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    /**
     * The superuser: for tests that inspect or clean tables across schemas, and for looking around in the local run.
     * No service logs in as it.
     */
    public DatabaseLogin admin() {
        return admin;
    }

    /** Connections to the platform's database as the superuser ({@link #admin()}). */
    public DataSource adminDataSource() {
        return dataSource(admin);
    }

    /** Connections to the platform's database as {@code login}. */
    public DataSource dataSource(DatabaseLogin login) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl());
        dataSource.setUser(login.username());
        dataSource.setPassword(login.password());
        return dataSource;
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
