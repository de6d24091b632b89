package org.communitycarbon.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.communitycarbon.accounting.CarbonAccountingServiceApplication;
import org.communitycarbon.credits.CreditsServiceApplication;
import org.communitycarbon.gateway.GatewayServiceApplication;
import org.communitycarbon.infra.EmbeddedMqttBroker;
import org.communitycarbon.infra.SchemaRoles;
import org.communitycarbon.ops.OpsTicketServiceApplication;
import org.communitycarbon.recycling.RecyclingServiceApplication;
import org.communitycarbon.sensing.SensingServiceApplication;
import org.communitycarbon.sensing.broker.BrokerStatistics;
import org.communitycarbon.support.PlatformApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * How each application is started in the shared JVM: its own config file, its port, the embedded servers,
 * and the keys a shared class path needs switched off. All of it is passed as command-line arguments, which
 * outrank each service's own file and its defaults.
 */
final class PlatformServices {

    /**
     * Auto-configurations the gateway must not run: the services' JDBC, JPA, Flyway and Kafka libraries are on
     * the shared class path, the gateway uses none of them.
     */
    private static final List<String> NOT_FOR_THE_GATEWAY = List.of(
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration");

    /** One application to start. */
    record Application(String name, int port, Supplier<SpringApplicationBuilder> builder, List<String> arguments) {

        Application withInitializer(ApplicationContextInitializer<ConfigurableApplicationContext> initializer) {
            return new Application(name, port, () -> builder.get().initializers(initializer), arguments);
        }
    }

    /** The embedded broker's figures, as the sensing service reads a broker's. */
    private record EmbeddedBrokerStatistics(EmbeddedMqttBroker broker) implements BrokerStatistics {

        @Override
        public long queuedBytes() {
            return broker.queuedBytes();
        }

        @Override
        public long droppedMessages() {
            return broker.droppedMessages();
        }

        @Override
        public long heldPublishes() {
            return broker.publishesHeld();
        }
    }

    /** Where the local run's applications listen: this machine only. */
    static final String LOOPBACK = "127.0.0.1";

    private PlatformServices() {
    }

    static List<Application> all(Ports ports, Endpoints infrastructure, String demoPassword, List<String> serviceArguments) {
        String gateway = "http://localhost:" + ports.gateway();
        List<Application> applications = new ArrayList<>();
        applications.add(new Application(GatewayServiceApplication.NAME, ports.gateway(), GatewayServiceApplication::builder,
                List.of("--server.port=" + ports.gateway(),
                        // the local run answers this machine only: its demo issuer gives anyone who reaches it any role
                        "--server.address=" + LOOPBACK,
                        "--SENSING_URL=http://localhost:" + ports.sensing(),
                        "--ACCOUNTING_URL=http://localhost:" + ports.accounting(),
                        "--CREDITS_URL=http://localhost:" + ports.credits(),
                        "--RECYCLING_URL=http://localhost:" + ports.recycling(),
                        "--OPS_URL=http://localhost:" + ports.ops(),
                        "--platform.demo-issuer.enabled=true",
                        "--platform.demo-issuer.password=" + demoPassword,
                        "--platform.demo-issuer.issuer=http://localhost:" + ports.gateway(),
                        // every login attempt on platform.audit, which the ops service keeps in the audit log
                        "--platform.demo-issuer.audit.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                        "--springdoc.api-docs.enabled=false",
                        "--spring.main.banner-mode=off",
                        "--spring.autoconfigure.exclude=" + String.join(",", NOT_FOR_THE_GATEWAY))));
        List<String> mqtt = new ArrayList<>(List.of("--platform.mqtt.url=" + infrastructure.mqttUrl(),
                // One sensing instance: a plain subscription, which the broker delivers more cheaply than a shared one.
                "--platform.mqtt.shared-group="));
        if (infrastructure.mqttUsername() != null) {
            mqtt.add("--platform.mqtt.username=" + infrastructure.mqttUsername());
            mqtt.add("--platform.mqtt.password=" + infrastructure.mqttPassword());
        }
        Application sensing = service(SensingServiceApplication.class, SensingServiceApplication.NAME, ports.sensing(),
                infrastructure, gateway, mqtt.toArray(String[]::new));
        EmbeddedMqttBroker broker = infrastructure.embeddedBroker();
        if (broker != null) {
            // The broker runs in this JVM: the sensing service reports its figures (queued bytes, drops, held publishes).
            sensing = sensing.withInitializer(context -> context.getBeanFactory().registerSingleton("embeddedBrokerStatistics",
                    new EmbeddedBrokerStatistics(broker)));
        }
        applications.add(sensing);
        applications.add(service(CarbonAccountingServiceApplication.class, CarbonAccountingServiceApplication.NAME,
                ports.accounting(), infrastructure, gateway));
        applications.add(service(CreditsServiceApplication.class, CreditsServiceApplication.NAME, ports.credits(),
                infrastructure, gateway));
        applications.add(service(RecyclingServiceApplication.class, RecyclingServiceApplication.NAME, ports.recycling(),
                infrastructure, gateway));
        applications.add(service(OpsTicketServiceApplication.class, OpsTicketServiceApplication.NAME, ports.ops(),
                infrastructure, gateway));
        if (serviceArguments.isEmpty()) {
            return applications;
        }
        return applications.stream().map(application -> application.name().equals(GatewayServiceApplication.NAME) ? application
                : new Application(application.name(), application.port(), application.builder(),
                        concat(application.arguments(), serviceArguments))).toList();
    }

    /** {@code first} then {@code second}, where an argument of {@code second} replaces one of {@code first} for the same key. */
    private static List<String> concat(List<String> first, List<String> second) {
        java.util.Set<String> overridden = new java.util.HashSet<>();
        second.forEach(argument -> overridden.add(argument.split("=", 2)[0]));
        List<String> all = new ArrayList<>(first.stream().filter(argument -> !overridden.contains(argument.split("=", 2)[0])).toList());
        all.addAll(second);
        return all;
    }

    /**
     * The command-line arguments that run {@code main}'s service against {@code infrastructure} on {@code port}, trusting the
     * gateway's keys: for a service in this JVM or in a process of its own.
     */
    static List<String> serviceArguments(String name, int port, Endpoints infrastructure, int gatewayPort) {
        return service(Object.class, name, port, infrastructure, "http://localhost:" + gatewayPort).arguments();
    }

    private static Application service(Class<?> main, String name, int port, Endpoints infrastructure,
            String gateway, String... extra) {
        // each service its own roles: it runs as <schema>_app and migrates as <schema>_owner
        SchemaRoles roles = infrastructure.databaseRoles().of(schemaOf(name));
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--spring.datasource.url=" + infrastructure.jdbcUrl(),
                "--spring.datasource.username=" + roles.app().username(),
                "--spring.datasource.password=" + roles.app().password(),
                "--spring.flyway.user=" + roles.owner().username(),
                "--spring.flyway.password=" + roles.owner().password(),
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + gateway + "/oauth2/jwks",
                "--server.address=" + LOOPBACK,
                // the demo issuer's tokens name the gateway as their issuer
                "--platform.security.issuer=" + gateway,
                // The gateway's library is on the shared class path; a service is not a gateway.
                "--spring.cloud.gateway.server.webflux.enabled=false",
                // the monthly report figures of the running month 20 s after the start, then every minute (production:
                // a minute, then hourly), so a try-out sees its monthly report fill in as the simulated community is
                // registered and runs
                "--platform.reports.initial-delay=20s",
                "--platform.reports.interval=1m",
                "--spring.main.banner-mode=off"));
        arguments.addAll(List.of(extra));
        return new Application(name, port, () -> PlatformApplication.builder(main, name), arguments)
                .withInitializer(new WithoutReactorSecurityHook());
    }

    /** The service's PostgreSQL schema, as its own configuration file names it ({@code platform.database.schema}). */
    static String schemaOf(String serviceName) {
        try {
            for (PropertySource<?> document : new YamlPropertySourceLoader().load(serviceName,
                    new ClassPathResource(serviceName + ".yml"))) {
                Object schema = document.getProperty("platform.database.schema");
                if (schema != null) {
                    return schema.toString();
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not read " + serviceName + ".yml", e);
        }
        throw new IllegalStateException(serviceName + ".yml names no platform.database.schema");
    }
}
