package org.communitycarbon.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kubernetes is the shape for more than one machine, and no cluster runs here: this test keeps the
 * manifests in step with the services — a workload, a service and a disruption budget per application, the ports
 * and probes their configuration says, several replicas of the consumers, environment names they read, every
 * file in the kustomization, and no secret committed.
 */
class KubernetesManifestsTest {

    private static final Path ROOT = Path.of("..");
    private static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
    private static final Map<String, Integer> APPLICATIONS = Map.of(
            "gateway-service", 8080, "sensing-service", 8081, "carbon-accounting-service", 8082,
            "credits-service", 8083, "recycling-service", 8084, "ops-ticket-service", 8085);
    private static final Set<String> SCALED_OUT = Set.of("sensing-service", "carbon-accounting-service", "credits-service");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    @Test
    void listsEveryManifestInTheKustomization() throws IOException {
        Map<String, Object> kustomization = new Yaml().load(Files.readString(KUBERNETES.resolve("kustomization.yaml")));
        @SuppressWarnings("unchecked")
        List<String> resources = (List<String>) kustomization.get("resources");
        for (String application : APPLICATIONS.keySet()) {
            assertThat(resources).contains(application + ".yaml");
        }
        try (var files = Files.list(KUBERNETES)) {
            files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                    .forEach(name -> assertThat(resources).as("kustomization lists %s", name).contains(name));
        }
    }

    @Test
    void runsEachApplicationWhereItsConfigurationSaysWithProbesAndABudget() throws IOException {
        for (var application : APPLICATIONS.entrySet()) {
            Map<String, Map<String, Object>> documents = documents(application.getKey());
            Map<String, Object> workload = documents.containsKey("StatefulSet") ? documents.get("StatefulSet") : documents.get("Deployment");
            assertThat(workload).as("%s has a Deployment or StatefulSet", application.getKey()).isNotNull();
            Map<String, Object> container = container(workload);
            assertThat(container.get("image")).isEqualTo("community-carbon/" + application.getKey() + ":latest");
            assertThat(path(container, "ports", 0, "containerPort")).isEqualTo(application.getValue());
            assertThat(path(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
            assertThat(path(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
            assertThat(environment(container)).containsEntry("PORT", application.getValue().toString());
            assertThat(path(documents.get("Service"), "spec", "ports", 0, "port")).isEqualTo(application.getValue());
            assertThat(documents).as("%s has a PodDisruptionBudget", application.getKey()).containsKey("PodDisruptionBudget");
            int replicas = (Integer) path(workload, "spec", "replicas");
            assertThat(replicas).as("%s replicas", application.getKey()).isGreaterThanOrEqualTo(SCALED_OUT.contains(application.getKey()) ? 2 : 1);
        }
    }

    @Test
    void givesEachSensingReplicaAStableMqttSession() throws IOException {
        Map<String, Map<String, Object>> sensing = documents("sensing-service");
        assertThat(sensing).containsKey("StatefulSet");
        assertThat(environment(container(sensing.get("StatefulSet")))).containsEntry("MQTT_CLIENT_ID", "platform-sensing-$(POD_NAME)");
    }

    @Test
    void setsOnlyVariablesTheApplicationsRead() throws IOException {
        Set<String> readByServices = placeholders(ROOT.resolve("service-support/src/main/resources/platform/service-defaults.yml"));
        Set<String> readByAny = new HashSet<>(readByServices);
        for (String application : APPLICATIONS.keySet()) {
            Set<String> read = new HashSet<>(placeholders(configFile(application)));
            readByAny.addAll(read);
            if (!application.equals("gateway-service")) {
                read.addAll(readByServices);
            }
            for (String variable : environment(container(workload(application))).keySet()) {
                assertThat(read.contains(variable) || variable.equals("POD_NAME"))
                        .as("%s sets %s, which it does not read", application, variable).isTrue();
            }
        }
        Properties configuration = new Properties();
        configuration.load(Files.newBufferedReader(KUBERNETES.resolve("platform.env")));
        for (String variable : configuration.stringPropertyNames()) {
            assertThat(readByAny.contains(variable) || variable.startsWith("SPRING_"))
                    .as("platform.env sets %s, which no service reads", variable).isTrue();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void givesEachServiceItsOwnDatabaseRolesWithOnlyItsOwnPasswords() throws IOException {
        Properties example = new Properties();
        example.load(Files.newBufferedReader(KUBERNETES.resolve("database-secrets.env.example")));
        Map<String, Object> kustomization = new Yaml().load(Files.readString(KUBERNETES.resolve("kustomization.yaml")));
        assertThat((List<Object>) kustomization.get("secretGenerator")).contains(
                Map.of("name", "database-credentials", "envs", List.of("database-secrets.env")));
        for (String application : APPLICATIONS.keySet()) {
            Map<String, Object> container = container(workload(application));
            Map<String, String> environment = environment(container);
            if (application.equals("gateway-service")) {
                assertThat(environment).doesNotContainKeys("DATABASE_USERNAME", "DATABASE_PASSWORD");
                continue;
            }
            Map<String, Object> configuration = new Yaml().load(Files.readString(configFile(application)));
            String schema = String.valueOf(path(configuration, "platform", "database", "schema"));
            String prefix = schema.toUpperCase(java.util.Locale.ROOT);
            assertThat(environment).as(application).containsEntry("DATABASE_USERNAME", schema + "_app")
                    .containsEntry("DATABASE_MIGRATION_USERNAME", schema + "_owner");
            Map<String, Object> secretKeys = new HashMap<>();
            for (Object entry : (List<Object>) container.get("env")) {
                Map<String, Object> variable = (Map<String, Object>) entry;
                if (variable.get("valueFrom") instanceof Map<?, ?> from && from.get("secretKeyRef") instanceof Map<?, ?> key) {
                    // the shared database secret, or the service's very own (credits: the household-code key)
                    assertThat(key.get("name")).as(application).isIn("database-credentials", schema + "-secrets");
                    secretKeys.put(key.get("name") + "/" + variable.get("name"), key.get("key"));
                }
            }
            Map<String, Object> expected = new HashMap<>(Map.of("database-credentials/DATABASE_PASSWORD", prefix + "_DATABASE_PASSWORD",
                    "database-credentials/DATABASE_MIGRATION_PASSWORD", prefix + "_DATABASE_MIGRATION_PASSWORD"));
            if (application.equals("credits-service")) {
                expected.put("credits-secrets/CREDITS_HOUSEHOLD_CODE_KEY", "CREDITS_HOUSEHOLD_CODE_KEY");
                assertThat((List<Object>) kustomization.get("secretGenerator")).contains(
                        Map.of("name", "credits-secrets", "envs", List.of("credits-secrets.env")));
            }
            assertThat(secretKeys).as(application).isEqualTo(expected);
            assertThat(example.stringPropertyNames()).contains(prefix + "_DATABASE_PASSWORD", prefix + "_DATABASE_MIGRATION_PASSWORD");
        }
    }

    @Test
    void commitsNoSecret() throws IOException {
        Properties configuration = new Properties();
        configuration.load(Files.newBufferedReader(KUBERNETES.resolve("platform.env")));
        assertThat(configuration.stringPropertyNames()).noneMatch(name -> name.contains("PASSWORD") || name.contains("SECRET"));
        Properties secrets = new Properties();
        secrets.load(Files.newBufferedReader(KUBERNETES.resolve("secrets.env.example")));
        secrets.load(Files.newBufferedReader(KUBERNETES.resolve("database-secrets.env.example")));
        secrets.load(Files.newBufferedReader(KUBERNETES.resolve("credits-secrets.env.example")));
        assertThat(secrets.stringPropertyNames()).contains("CREDITS_HOUSEHOLD_CODE_KEY");
        secrets.stringPropertyNames().forEach(name -> assertThat(secrets.getProperty(name)).as(name).isEmpty());
        assertThat(Files.readString(ROOT.resolve(".gitignore"))).contains("deploy/kubernetes/secrets.env")
                .contains("deploy/kubernetes/database-secrets.env").contains("deploy/kubernetes/credits-secrets.env");
    }

    private static Map<String, Object> workload(String application) throws IOException {
        Map<String, Map<String, Object>> documents = documents(application);
        return documents.containsKey("StatefulSet") ? documents.get("StatefulSet") : documents.get("Deployment");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> documents(String application) throws IOException {
        Map<String, Map<String, Object>> byKind = new HashMap<>();
        for (Object document : new Yaml().loadAll(Files.readString(KUBERNETES.resolve(application + ".yaml")))) {
            Map<String, Object> map = (Map<String, Object>) document;
            String name = String.valueOf(((Map<String, Object>) map.get("metadata")).get("name"));
            String kind = String.valueOf(map.get("kind"));
            if (!name.endsWith("-headless")) {
                byKind.put(kind, map);
            }
        }
        return byKind;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Map<String, Object> workload) {
        return (Map<String, Object>) path(workload, "spec", "template", "spec", "containers", 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> container) {
        Map<String, String> environment = new HashMap<>();
        for (Object entry : (List<Object>) container.getOrDefault("env", new ArrayList<>())) {
            Map<String, Object> variable = (Map<String, Object>) entry;
            environment.put(String.valueOf(variable.get("name")), String.valueOf(variable.get("value")));
        }
        return environment;
    }

    @SuppressWarnings("unchecked")
    private static Object path(Object node, Object... steps) {
        Object current = node;
        for (Object step : steps) {
            current = step instanceof Integer index ? ((List<Object>) current).get(index) : ((Map<String, Object>) current).get(step);
            assertThat(current).as("%s in %s", step, List.of(steps)).isNotNull();
        }
        return current;
    }

    private static Set<String> placeholders(Path file) throws IOException {
        Set<String> names = new HashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(Files.readString(file));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static Path configFile(String application) {
        return ROOT.resolve(application).resolve("src/main/resources").resolve(application + ".yml");
    }
}
