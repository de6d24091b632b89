package org.communitycarbon.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml is the production shape, and no Docker engine runs here: this test keeps the file in
 * step with the services it starts — images built from the modules, ports, environment variable names,
 * health checks, start order, and Kafka as the services expect it.
 */
class DockerComposeTest {

    private static final Path ROOT = Path.of("..");
    private static final Map<String, Integer> APPLICATIONS = Map.of(
            "gateway-service", 8080, "sensing-service", 8081, "carbon-accounting-service", 8082,
            "credits-service", 8083, "recycling-service", 8084, "ops-ticket-service", 8085);
    /** Spring Boot binds these from the environment without a placeholder (relaxed binding). */
    private static final Set<String> SPRING_ENVIRONMENT = Set.of("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    private final Map<String, Object> compose = load();
    private final Map<String, Object> services = map(compose.get("services"));

    @Test
    void runsTheInfrastructureAndEveryApplication() {
        assertThat(services).containsKeys("postgres", "kafka", "mosquitto", "redis", "device-simulator");
        assertThat(services).containsKeys(APPLICATIONS.keySet().toArray(String[]::new));
    }

    @Test
    void buildsEachApplicationFromItsModule() throws IOException {
        assertThat(ROOT.resolve("Dockerfile")).exists();
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile).contains("${SERVICE}/target/${SERVICE}-*-exec.jar");
        for (String application : withSimulator()) {
            Map<String, Object> build = map(service(application).get("build"));
            assertThat(map(build.get("args")).get("SERVICE")).as(application).isEqualTo(application);
            assertThat(ROOT.resolve(application).resolve("pom.xml")).as(application + " is a module").exists();
            String pom = Files.readString(ROOT.resolve(application).resolve("pom.xml"));
            assertThat(pom).as(application + " makes an executable jar").contains("spring-boot-maven-plugin");
        }
    }

    @Test
    void eachApplicationListensWhereItsConfigurationSays() throws IOException {
        for (var application : APPLICATIONS.entrySet()) {
            String configuration = Files.readString(configFile(application.getKey()));
            assertThat(configuration).as(application.getKey()).contains("port: ${PORT:" + application.getValue() + "}");
            // the gateway serves HTTPS on PORT and the compose network in plain HTTP on its internal port
            String port = application.getKey().equals("gateway-service") ? "GATEWAY_INTERNAL_PORT" : "PORT";
            assertThat(String.valueOf(environment(application.getKey()).get(port))).as(application.getKey())
                    .isEqualTo(application.getValue().toString());
            assertThat(healthCheck(application.getKey()))
                    .contains("http://localhost:" + application.getValue() + "/actuator/health/readiness");
        }
        Map<String, Object> gateway = environment("gateway-service");
        assertThat(gateway).containsEntry("SENSING_URL", "http://sensing-service:8081")
                .containsEntry("ACCOUNTING_URL", "http://carbon-accounting-service:8082")
                .containsEntry("CREDITS_URL", "http://credits-service:8083")
                .containsEntry("RECYCLING_URL", "http://recycling-service:8084")
                .containsEntry("OPS_URL", "http://ops-ticket-service:8085");
        assertThat(String.valueOf(gateway.get("PORT"))).isEqualTo("8443");
        assertThat(list(service("gateway-service").get("ports"))).containsExactly("8443:8443");
    }

    @Test
    void publishesOnlyTlsPortsAndMountsTheCertificatesFromConfiguration() throws IOException {
        for (String name : services.keySet()) {
            if (!List.of("gateway-service", "mosquitto", "prometheus").contains(name)) {
                assertThat(service(name)).as("%s is reached inside the compose network only", name).doesNotContainKey("ports");
            }
        }
        assertThat(list(service("mosquitto").get("ports"))).containsExactly("8883:8883");
        assertThat(list(service("prometheus").get("ports"))).containsExactly("127.0.0.1:9090:9090");

        Map<String, Object> gateway = environment("gateway-service");
        assertThat(gateway).containsEntry("GATEWAY_TLS_ENABLED", "true")
                .containsEntry("GATEWAY_TLS_CERTIFICATE", "/tls/gateway.crt")
                .containsEntry("GATEWAY_TLS_PRIVATE_KEY", "/tls/gateway.key");
        assertThat(list(service("gateway-service").get("volumes"))).contains("${TLS_DIR:-./deploy/tls/certs}:/tls:ro");
        assertThat(list(service("mosquitto").get("volumes"))).contains("${TLS_DIR:-./deploy/tls/certs}:/mosquitto/certs:ro");

        String broker = Files.readString(ROOT.resolve("deploy/mosquitto/mosquitto.conf"));
        assertThat(broker).containsPattern("(?m)^listener 8883\\nprotocol mqtt\\ncertfile /mosquitto/data/tls/mosquitto.crt\\n"
                + "keyfile /mosquitto/data/tls/mosquitto.key\\ncafile /mosquitto/data/tls/ca.crt\\n");
        String entrypoint = String.join(" ", list(service("mosquitto").get("entrypoint")).stream().map(String::valueOf).toList());
        assertThat(entrypoint).as("the broker's copy of the mounted certificates")
                .contains("cp /mosquitto/certs/mosquitto.crt /mosquitto/certs/mosquitto.key /mosquitto/certs/ca.crt /mosquitto/data/tls/");

        Path script = ROOT.resolve("deploy/tls/make-self-signed.sh");
        assertThat(Files.isExecutable(script)).as("deploy/tls/make-self-signed.sh is executable").isTrue();
        assertThat(Files.readString(script)).contains("gateway.crt", "gateway.key", "mosquitto.crt", "mosquitto.key", "ca.crt");
        assertThat(Files.readString(ROOT.resolve("deploy/tls/.gitignore"))).contains("certs/", "*.key");
    }

    @Test
    void theCreditsServiceSignsHouseholdCodesWithAKeyTheOperatorMustSet() throws IOException {
        // a key made per start would invalidate every printed code at each restart, and differ between replicas
        assertThat(environment("credits-service")).containsEntry("CREDITS_HOUSEHOLD_CODE_KEY",
                "${CREDITS_HOUSEHOLD_CODE_KEY:?set CREDITS_HOUSEHOLD_CODE_KEY in .env}");
        assertThat(Files.readString(ROOT.resolve(".env.example"))).containsPattern("(?m)^CREDITS_HOUSEHOLD_CODE_KEY=$");
        for (String application : APPLICATIONS.keySet()) {
            if (!application.equals("credits-service")) {
                assertThat(environment(application)).as(application).doesNotContainKey("CREDITS_HOUSEHOLD_CODE_KEY");
            }
        }
    }

    @Test
    void sharesTheGatewaysRateLimitsInAPasswordProtectedRedis() throws IOException {
        Map<String, Object> gateway = environment("gateway-service");
        assertThat(gateway).containsEntry("GATEWAY_RATE_LIMIT_STORE", "redis")
                .containsEntry("GATEWAY_RATE_LIMIT_REDIS_URL", "redis://redis:6379")
                .containsEntry("GATEWAY_RATE_LIMIT_REDIS_PASSWORD", environment("redis").get("REDIS_PASSWORD"));
        assertThat(String.valueOf(environment("redis").get("REDIS_PASSWORD"))).startsWith("${REDIS_PASSWORD:?");
        assertThat(String.join(" ", list(service("redis").get("command")).stream().map(String::valueOf).toList()))
                .contains("--requirepass \"$$REDIS_PASSWORD\"");
        assertThat(map(map(service("gateway-service").get("depends_on")).get("redis")).get("condition")).isEqualTo("service_healthy");
        assertThat(Files.readString(ROOT.resolve(".env.example"))).containsPattern("(?m)^REDIS_PASSWORD=$");
    }

    @Test
    void setsOnlyVariablesTheApplicationsRead() throws IOException {
        for (String application : APPLICATIONS.keySet()) {
            Set<String> read = placeholders(application);
            for (String variable : environment(application).keySet()) {
                assertThat(read.contains(variable) || SPRING_ENVIRONMENT.contains(variable))
                        .as("%s sets %s, which it does not read", application, variable).isTrue();
            }
        }
        String simulator = Files.readString(ROOT.resolve("device-simulator/src/main/java/org/communitycarbon/simulator/CommandLine.java"));
        for (String variable : environment("device-simulator").keySet()) {
            assertThat(simulator).as("device-simulator reads %s", variable).contains("\"" + variable + "\"");
        }
    }

    @Test
    void connectsEveryServiceToTheSameInfrastructure() {
        for (String application : APPLICATIONS.keySet()) {
            if (application.equals("gateway-service")) {
                continue;
            }
            Map<String, Object> environment = environment(application);
            assertThat(environment).as(application)
                    .containsEntry("DATABASE_URL", "jdbc:postgresql://postgres:5432/carbon")
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                    .containsKey("KAFKA_TOPIC_PARTITIONS")
                    .containsKey("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI");
            assertThat(String.valueOf(environment.get("DATABASE_PASSWORD"))).as("no committed password").startsWith("${");
        }
        assertThat(environment("gateway-service")).as("the demo issuer's login attempts go to platform.audit")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
        assertThat(environment("sensing-service")).containsEntry("MQTT_URL", "tcp://mosquitto:1883");
        assertThat(environment("device-simulator")).containsEntry("MQTT_URL", "tcp://mosquitto:1883");
    }

    @Test
    void givesEveryServiceItsOwnDatabaseRolesMadeByTheInitScript() throws IOException {
        Map<String, Object> postgres = environment("postgres");
        String initScript = Files.readString(ROOT.resolve("deploy/postgres/create-service-roles.sh"));
        assertThat(list(service("postgres").get("volumes")))
                .contains("./deploy/postgres/create-service-roles.sh:/docker-entrypoint-initdb.d/create-service-roles.sh:ro");
        String environmentExample = Files.readString(ROOT.resolve(".env.example"));
        Set<Object> usernames = new HashSet<>();
        for (String application : APPLICATIONS.keySet()) {
            if (application.equals("gateway-service")) {
                assertThat(environment(application)).doesNotContainKeys("DATABASE_USERNAME", "DATABASE_PASSWORD");
                continue;
            }
            String schema = String.valueOf(map(map(map(new Yaml().load(Files.readString(configFile(application)))).get("platform"))
                    .get("database")).get("schema"));
            String prefix = schema.toUpperCase(java.util.Locale.ROOT);
            Map<String, Object> environment = environment(application);
            assertThat(environment).as(application)
                    .containsEntry("DATABASE_USERNAME", schema + "_app")
                    .containsEntry("DATABASE_MIGRATION_USERNAME", schema + "_owner")
                    .containsEntry("DATABASE_PASSWORD", "${" + prefix + "_DATABASE_PASSWORD:?set " + prefix + "_DATABASE_PASSWORD in .env}")
                    .containsEntry("DATABASE_MIGRATION_PASSWORD",
                            "${" + prefix + "_DATABASE_MIGRATION_PASSWORD:?set " + prefix + "_DATABASE_MIGRATION_PASSWORD in .env}");
            usernames.add(environment.get("DATABASE_USERNAME"));
            usernames.add(environment.get("DATABASE_MIGRATION_USERNAME"));
            for (String variable : List.of(prefix + "_DATABASE_PASSWORD", prefix + "_DATABASE_MIGRATION_PASSWORD")) {
                assertThat(postgres.get(variable)).as("the init script gets %s", variable).isEqualTo(environment.get(
                        variable.endsWith("MIGRATION_PASSWORD") ? "DATABASE_MIGRATION_PASSWORD" : "DATABASE_PASSWORD"));
                assertThat(environmentExample).as(".env.example lists %s", variable).containsPattern("(?m)^" + variable + "=$");
            }
            assertThat(initScript).as("the init script makes the roles of %s", schema)
                    .contains("\nservice_roles " + schema + " \"$" + prefix + "_DATABASE_PASSWORD\" \"$" + prefix
                            + "_DATABASE_MIGRATION_PASSWORD\"\n");
        }
        assertThat(usernames).as("no two services share a role, and none is the superuser").hasSize(10)
                .doesNotContain(postgres.get("POSTGRES_USER"));
    }

    @Test
    void startsApplicationsOnlyOnceWhatTheyNeedIsHealthy() {
        for (String application : APPLICATIONS.keySet()) {
            assertThat(service(application)).as(application).containsKey("healthcheck");
            Map<String, Object> dependsOn = map(service(application).get("depends_on"));
            dependsOn.values().forEach(condition ->
                    assertThat(map(condition).get("condition")).as(application).isEqualTo("service_healthy"));
            if (!application.equals("gateway-service")) {
                assertThat(dependsOn).as(application).containsKeys("postgres", "kafka");
            }
        }
        assertThat(map(service("sensing-service").get("depends_on"))).containsKey("mosquitto");
        for (String infrastructure : List.of("postgres", "kafka", "mosquitto", "redis")) {
            assertThat(service(infrastructure)).as(infrastructure).containsKey("healthcheck");
        }
    }

    @Test
    void runsKafkaAsTheServicesExpectIt() {
        Map<String, Object> kafka = environment("kafka");
        assertThat(kafka).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                // The services declare their topics; the embedded broker of the tests refuses unknown ones too.
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092");
    }

    @Test
    void scrapesEveryApplicationAndLoadsTheAlertingRules() throws IOException {
        Map<String, Object> prometheus = service("prometheus");
        assertThat(list(prometheus.get("volumes"))).contains("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
                "./deploy/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
        Map<String, Object> configuration = map(new Yaml().load(Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml"))));
        assertThat(list(configuration.get("rule_files"))).containsExactly("/etc/prometheus/alerts.yml");
        Map<String, Object> job = map(list(configuration.get("scrape_configs")).get(0));
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        List<Object> targets = list(map(list(job.get("static_configs")).get(0)).get("targets"));
        for (var application : APPLICATIONS.entrySet()) {
            assertThat(targets).contains(application.getKey() + ":" + application.getValue());
        }
        assertThat(environment("sensing-service")).containsEntry("MQTT_BROKER_STATISTICS", "mosquitto-sys");
    }

    @Test
    void commitsNoSecret() throws IOException {
        String file = Files.readString(ROOT.resolve("docker-compose.yml"));
        Matcher secrets = Pattern.compile("(?i)(PASSWORD): *(\\S+)").matcher(file);
        while (secrets.find()) {
            assertThat(secrets.group(2)).as("%s comes from the environment", secrets.group(1)).startsWith("${");
        }
        assertThat(ROOT.resolve(".env.example")).exists();
        assertThat(Files.readString(ROOT.resolve(".gitignore"))).doesNotContain(".env.example");
    }

    private List<String> withSimulator() {
        List<String> all = new ArrayList<>(APPLICATIONS.keySet());
        all.add("device-simulator");
        return all;
    }

    private Set<String> placeholders(String application) throws IOException {
        Set<String> names = new HashSet<>();
        List<Path> files = new ArrayList<>(List.of(configFile(application)));
        if (!application.equals("gateway-service")) {
            files.add(ROOT.resolve("service-support/src/main/resources/platform/service-defaults.yml"));
        }
        for (Path file : files) {
            Matcher matcher = PLACEHOLDER.matcher(Files.readString(file));
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static Path configFile(String application) {
        return ROOT.resolve(application).resolve("src/main/resources").resolve(application + ".yml");
    }

    private String healthCheck(String application) {
        return String.join(" ", list(map(service(application).get("healthcheck")).get("test")).stream().map(String::valueOf).toList());
    }

    private Map<String, Object> service(String name) {
        return map(services.get(name));
    }

    private Map<String, Object> environment(String name) {
        return map(service(name).get("environment"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    private static Map<String, Object> load() {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            return map(new Yaml(options).load(Files.readString(ROOT.resolve("docker-compose.yml"))));
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
