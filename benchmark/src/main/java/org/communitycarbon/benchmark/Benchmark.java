package org.communitycarbon.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.communitycarbon.accounting.CarbonAccountingServiceApplication;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.local.LocalPlatform;
import org.communitycarbon.local.Ports;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.simulator.Registration;
import org.communitycarbon.simulator.community.Inventory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The platform's benchmark: {@code ./mvnw -Pbenchmark}. See docs/performance.md for the method and results.
 * <p>
 * Starts the whole platform in this JVM on the embedded PostgreSQL, Kafka and MQTT broker (as the local run
 * does, but on free ports and without the simulator), then:
 * <ol>
 * <li><b>bridge</b>: a bare Paho → Kafka bridge forwards N messages, the yardstick for the sensing service, which
 * then forwards N readings while the accounting service's consumers are paused;</li>
 * <li>for each rate ({@code max} or readings per second): publishes meter readings over MQTT QoS 1 and waits
 * until the accounting service has stored them; prints the offered rate, the rate at which sensing put them
 * on Kafka, the stored rate, how many were lost, and the publish → stored latency;</li>
 * <li><b>reads</b>: a resident's {@code GET /api/credits/me} directly and through the gateway in turns, on one and on 16
 * connections, and at 200 requests/s while 2,000 readings/s are ingested.</li>
 * </ol>
 * The ingest runs, the reads and the reads during ingest each follow unmeasured load of their kind until the JIT has
 * settled, for at most four minutes each.
 */
public final class Benchmark {

    private static final Duration NO_PROGRESS_LIMIT = Duration.ofSeconds(60);

    private final Options options;
    private final double cpuSpeed;
    private final EmbeddedInfrastructure infrastructure;
    private final LocalPlatform platform;
    private final Ports ports;
    private final HeapSampler heap = new HeapSampler();
    private final List<String> report = new ArrayList<>();

    private Benchmark(Options options, EmbeddedInfrastructure infrastructure, LocalPlatform platform, Ports ports, double cpuSpeed) {
        this.options = options;
        this.cpuSpeed = cpuSpeed;
        this.infrastructure = infrastructure;
        this.platform = platform;
        this.ports = ports;
    }

    record Options(int readings, int devices, List<String> rates, int rateSeconds, boolean reads, boolean bridge, int warmupSeconds) {

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>(Map.of("readings", "300000", "devices", "1000",
                    "rates", "max,2000,5000", "rate-seconds", "60", "reads", "true", "bridge", "true", "warmup-seconds", "60"));
            for (String arg : args) {
                Matcher option = Pattern.compile("--([a-z-]+)=(.*)").matcher(arg);
                if (!option.matches() || !values.containsKey(option.group(1))) {
                    throw new IllegalArgumentException("Unknown option " + arg + "; known: " + values.keySet());
                }
                values.put(option.group(1), option.group(2));
            }
            return new Options(Integer.parseInt(values.get("readings")), Integer.parseInt(values.get("devices")),
                    Arrays.stream(values.get("rates").split(",")).filter(rate -> !rate.isBlank() && !rate.equals("none")).toList(), Integer.parseInt(values.get("rate-seconds")),
                    Boolean.parseBoolean(values.get("reads")), Boolean.parseBoolean(values.get("bridge")),
                    Integer.parseInt(values.get("warmup-seconds")));
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("logback.configurationFile", "local-platform-logback.xml");
        Options options = Options.parse(args);
        // one core's speed before anything starts, so that runs on different days can be compared
        double cpuSpeed = MachineProbe.cpuSpeed();
        Path data = Files.createTempDirectory("community-carbon-benchmark-");
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(EmbeddedInfrastructure.Ports.anyFree(), data, true);
        Ports ports = Ports.anyFree();
        LocalPlatform platform = LocalPlatform.start(new LocalPlatform.Settings(ports, null), infrastructure);
        Benchmark benchmark = new Benchmark(options, infrastructure, platform, ports, cpuSpeed);
        try {
            benchmark.run();
        }
        finally {
            benchmark.heap.close();
            platform.close();
            infrastructure.close();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        line("# Benchmark " + Instant.now());
        line("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version() + ", max heap "
                + HeapSampler.maxHeapMb() + " MB, one core does SHA-256 at %,.0f MB/s; ".formatted(cpuSpeed) + options);
        waitForSensing();
        if (options.warmupSeconds() > 0) {
            // A fresh JVM compiles its hot paths and PostgreSQL learns the tables' statistics in the first minute:
            // measured runs start after that, as a platform that has been running would.
            line("warm-up: %,d s at 1,500 readings/s (not measured)".formatted(options.warmupSeconds()));
            ingest("1500", 1_500 * options.warmupSeconds(), false);
            // ...and then until the optimising compiler is done with the ingest path: with six applications and two
            // brokers in one JVM, C2 was still compiling a third of a core's worth four minutes into a run
            line(settle("ingest", () -> ingest("1500", 1_500 * 15, false)));
        }
        if (options.bridge()) {
            bridge();
            sensingAlone();
        }
        line("");
        line("| run | readings | devices | offered /s | sensing → Kafka /s | stored /s | lost | publish → stored p50 / p95 / p99 ms | heap peak / live MB | machine's CPU |");
        line("|---|---|---|---|---|---|---|---|---|---|");
        for (String rate : options.rates()) {
            boolean max = rate.equals("max");
            ingest(rate, max ? options.readings() : (int) (Double.parseDouble(rate) * options.rateSeconds()), true);
        }
        if (options.reads()) {
            reads();
        }
        System.out.println();
        System.out.println(String.join("\n", report));
    }

    private void bridge() throws Exception {
        String topic = "benchmark.bridge";
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 12, (short) 1))).all().get();
        }
        Workload workload = Workload.of("bridge", options.devices(), options.readings());
        // the bare bridge and its publishers use the platform's own account: bench/# is nobody's device topic
        String username = infrastructure.mqtt().platformUsername();
        String password = infrastructure.mqtt().platformPassword();
        try (var bridge = new BareBridge(infrastructure.mqtt().url(), username, password, "bench/#",
                infrastructure.kafka().bootstrapServers(), topic, 500);
                var publisher = new LoadPublisher(infrastructure.mqtt().url(), 8, username, password)) {
            LoadPublisher.Published published = publisher.publish("bench/bridge/electricity-meter/", workload, workload.readings(), 0);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (bridge.forwarded() < workload.readings() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            double rate = bridge.forwarded() / ((bridge.lastForwardedNanos() - published.firstNanos()) / 1e9);
            bridgeRate = rate;
            line("bare Paho → Kafka bridge: %,d messages forwarded at %,.0f /s (offered %,.0f /s)".formatted(bridge.forwarded(), rate,
                    published.offeredRate()));
        }
    }

    private double bridgeRate;

    private void ingest(String rate, int count, boolean report) throws Exception {
        boolean max = rate.equals("max");
        double perSecond = max ? 0 : Double.parseDouble(rate);
        String community = "bench-" + rate + "-" + Long.toString(System.nanoTime() % 100_000, 36);
        Workload workload = Workload.of(community, options.devices(), count);
        Registration.MqttAccount gateway = register(workload);
        heap.reset();
        MachineProbe.Cpu cpu = MachineProbe.Cpu.now();
        LoadPublisher.Published published;
        long sensingDone = 0;
        try (var publisher = new LoadPublisher(infrastructure.mqtt().url(), 8, gateway.username(), gateway.password()); Admin admin = admin();
                Connection database = database()) {
            long kafkaBefore = endOffsets(admin, SensingTopics.METER_READINGS);
            CompletableFuture<LoadPublisher.Published> publishing = CompletableFuture.supplyAsync(() -> {
                try {
                    return publisher.publish("cc/" + community + "/electricity-meter/", workload, count, perSecond);
                }
                catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            long stored = 0;
            long lastProgress = System.nanoTime();
            while (true) {
                Thread.sleep(500);
                long now = System.nanoTime();
                if (sensingDone == 0 && endOffsets(admin, SensingTopics.METER_READINGS) - kafkaBefore >= count) {
                    sensingDone = now;
                }
                long current = storedCount(database, community);
                if (current > stored) {
                    stored = current;
                    lastProgress = now;
                }
                if (stored >= count || (publishing.isDone() && now - lastProgress > NO_PROGRESS_LIMIT.toNanos())) {
                    break;
                }
            }
            published = publishing.join();
        }
        String machine = MachineProbe.Cpu.since(cpu);
        if (!report) {
            return;
        }
        Latencies latencies = latencies(workload, published);
        double sensingRate = sensingDone == 0 ? Double.NaN : count / ((sensingDone - published.firstNanos()) / 1e9);
        line("| %s | %,d | %,d | %,.0f | %,.0f | %,.0f | %,d | %.0f / %.0f / %.0f | %,d / %,d | %s |".formatted(rate, count,
                options.devices(), published.offeredRate(), sensingRate, latencies.storedRate(), count - latencies.stored(),
                latencies.latency().p50(), latencies.latency().p95(), latencies.latency().p99(), heap.peakUsedMb(),
                heap.peakLiveAfterGcMb(), machine));
    }

    /**
     * Sensing measured as the bridge is: N readings at the broker's pace while the accounting service's consumers
     * are paused, so that sensing has the machine to itself as the bridge had; accounting then catches up.
     */
    private void sensingAlone() throws Exception {
        String community = "bench-sensing-" + Long.toString(System.nanoTime() % 100_000, 36);
        Workload workload = Workload.of(community, options.devices(), options.readings());
        Registration.MqttAccount gateway = register(workload);
        KafkaListenerEndpointRegistry accounting = platform.application(CarbonAccountingServiceApplication.NAME)
                .getBean(KafkaListenerEndpointRegistry.class);
        accounting.getListenerContainers().forEach(MessageListenerContainer::pause);
        long sensingDone = 0;
        LoadPublisher.Published published;
        try (var publisher = new LoadPublisher(infrastructure.mqtt().url(), 8, gateway.username(), gateway.password());
                Admin admin = admin()) {
            long kafkaBefore = endOffsets(admin, SensingTopics.METER_READINGS);
            published = publisher.publish("cc/" + community + "/electricity-meter/", workload, workload.readings(), 0);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (sensingDone == 0 && System.nanoTime() < deadline) {
                if (endOffsets(admin, SensingTopics.METER_READINGS) - kafkaBefore >= workload.readings()) {
                    sensingDone = System.nanoTime();
                }
                else {
                    Thread.sleep(50);
                }
            }
        }
        finally {
            accounting.getListenerContainers().forEach(MessageListenerContainer::resume);
        }
        double rate = workload.readings() / ((sensingDone - published.firstNanos()) / 1e9);
        line("sensing service alone (accounting paused): %,d readings to Kafka at %,.0f /s (offered %,.0f /s) = %.0f %% of the bare bridge"
                .formatted(workload.readings(), rate, published.offeredRate(), 100 * rate / bridgeRate));
        try (Connection database = database()) {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (storedCount(database, community) < workload.readings() && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
        }
    }

    /**
     * Registers the workload's community and meters — only registered devices speak — in imports of at most
     * {@value #REGISTER_CHUNK} meters, below the registry's limit per import, and issues the community's gateway
     * account, with which the publishers connect.
     */
    private Registration.MqttAccount register(Workload workload) {
        for (int first = 0; first < workload.devices(); first += REGISTER_CHUNK) {
            List<Inventory.Place> places = new ArrayList<>();
            List<Inventory.Device> devices = new ArrayList<>();
            places.add(new Inventory.Place(PlaceKind.BUILDING, "b1", "Building 1", null, null));
            for (int i = first; i < Math.min(workload.devices(), first + REGISTER_CHUNK); i++) {
                places.add(new Inventory.Place(PlaceKind.HOUSEHOLD, "h" + i, "Unit " + i, "b1", 3));
                devices.add(new Inventory.Device(workload.deviceId(i), DeviceType.ELECTRICITY_METER, "benchmark meter",
                        PlaceKind.HOUSEHOLD, "h" + i, "meter box"));
            }
            platform.register(new Inventory(workload.community(), places, devices));
        }
        return platform.gatewayAccount(workload.community(), "benchmark");
    }

    private static final int REGISTER_CHUNK = 5_000;

    /** Stored readings of the run, their rate from the first publish, and publish → stored latency. */
    private record Latencies(long stored, double storedRate, Percentiles latency) {
    }

    private Latencies latencies(Workload workload, LoadPublisher.Published published) throws SQLException {
        List<Double> values = new ArrayList<>();
        long lastStoredMicros = 0;
        try (Connection connection = database(); PreparedStatement statement = connection.prepareStatement(
                "SELECT device_id, observed_at, (extract(epoch FROM stored_at) * 1000000)::bigint FROM accounting.meter_reading WHERE community_id = ?")) {
            statement.setString(1, workload.community());
            statement.setFetchSize(10_000);
            connection.setAutoCommit(false);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    int index = workload.index(rs.getString(1), rs.getTimestamp(2).toInstant());
                    long storedMicros = rs.getLong(3);
                    lastStoredMicros = Math.max(lastStoredMicros, storedMicros);
                    values.add((storedMicros - published.publishedAtMicros()[index]) / 1000.0);
                }
            }
        }
        double seconds = (lastStoredMicros - published.publishedAtMicros()[0]) / 1e6;
        return new Latencies(values.size(), values.size() / seconds, Percentiles.of(values.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    private void reads() throws Exception {
        String token = token("resident");
        String direct = "http://localhost:" + ports.credits() + "/api/credits/me";
        String gateway = platform.gatewayUrl() + "/api/credits/me";
        ReadLoad load = new ReadLoad();
        // Warm up both paths until the optimising compiler has compiled them (5 s was not enough: the first measured
        // runs then shared the two cores with C2 compiling the gateway's reactive chain).
        line(settle("reads", () -> {
            load.closedLoop(gateway, token, 16, Duration.ofSeconds(5));
            load.closedLoop(direct, token, 16, Duration.ofSeconds(5));
        }));
        line("");
        line("| reads: GET /api/credits/me | requests /s | p50 ms | p99 ms | errors | machine's CPU |");
        line("|---|---|---|---|---|---|");
        // The two paths take turns, 5 s each, three times: whatever else the platform does meanwhile (digesting the
        // warm-up's readings, a scheduled report) weighs on both alike, where one 15 s run after the other let it fall
        // on one path only.
        for (int connections : List.of(1, 16)) {
            Map<String, List<ReadLoad.Result>> runs = new java.util.LinkedHashMap<>();
            Map<String, MachineProbe.Cpu> machine = new java.util.HashMap<>();
            for (int turn = 0; turn < 3; turn++) {
                for (var target : List.of(Map.entry("direct", direct), Map.entry("gateway", gateway))) {
                    MachineProbe.Cpu start = MachineProbe.Cpu.now();
                    runs.computeIfAbsent(target.getKey(), key -> new java.util.ArrayList<>())
                            .add(load.closedLoop(target.getValue(), token, connections, Duration.ofSeconds(5)));
                    MachineProbe.Cpu end = MachineProbe.Cpu.now();
                    if (start != null && end != null) {
                        machine.merge(target.getKey(), end.minus(start), MachineProbe.Cpu::plus);
                    }
                }
            }
            runs.forEach((path, results) -> {
                ReadLoad.Result result = ReadLoad.Result.of(results);
                MachineProbe.Cpu cpu = machine.get(path);
                line("| %s, %d connection%s | %,.0f | %.1f | %.1f | %d | %s |".formatted(path, connections,
                        connections == 1 ? "" : "s", result.perSecond(), result.latency().p50(), result.latency().p99(), result.errors(),
                        cpu == null ? "n/a" : cpu.shares()));
            });
        }
        // Enough readings for the longest warm-up and the measured minute; the publisher stops once that minute is over.
        int enough = 2_000 * (int) (5 + SETTLE_LIMIT.toSeconds() + 15 + 60 + 30);
        Workload background = Workload.of("bench-reads-" + Long.toString(System.nanoTime() % 100_000, 36), options.devices(),
                Math.min(enough, 9_000 * options.devices()));
        Registration.MqttAccount devices = register(background);
        AtomicBoolean measured = new AtomicBoolean();
        String row;
        String jit;
        try (var publisher = new LoadPublisher(infrastructure.mqtt().url(), 8, devices.username(), devices.password())) {
            CompletableFuture<?> ingesting = CompletableFuture.runAsync(() -> {
                try {
                    publisher.publish("cc/" + background.community() + "/electricity-meter/", background, background.readings(), 2_000,
                            measured::get);
                }
                catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                Thread.sleep(5_000);
                // Reads and ingest together run code neither ran alone: C2 had a fifth of the CPU samples of a measured
                // minute that followed the warm-ups above straight away (docs/performance.md, the shared JVM's own costs).
                jit = settle("reads during ingest", () -> load.fixedRate(gateway, token, 200, Duration.ofSeconds(15)));
                // the readings accounting stored during the measured minute show that the ingest kept its pace
                try (Connection database = database()) {
                    long storedBefore = storedCount(database, background.community());
                    long measuring = System.nanoTime();
                    MachineProbe.Cpu cpu = MachineProbe.Cpu.now();
                    ReadLoad.Result result = load.fixedRate(gateway, token, 200, Duration.ofSeconds(60));
                    String shares = MachineProbe.Cpu.since(cpu);
                    double storedRate = (storedCount(database, background.community()) - storedBefore) / ((System.nanoTime() - measuring) / 1e9);
                    row = "| gateway, 200 requests/s while 2,000 readings/s are ingested (%,.0f stored /s) | %,.0f | %.1f | %.1f | %d | %s |"
                            .formatted(storedRate, result.perSecond(), result.latency().p50(), result.latency().p99(), result.errors(), shares);
                }
            }
            finally {
                measured.set(true);
            }
            ingesting.join();
        }
        line(row);
        line("");
        line(jit);
    }

    /** A round of unmeasured load, repeated until the JIT has settled. */
    private interface Round {
        void run() throws Exception;
    }

    /**
     * Runs {@code round} until the JIT's compiler threads use less than 5 % of one core over a round, or
     * for {@link #SETTLE_LIMIT}; returns which, for the report, so that a run measured while the JIT was still busy is
     * marked as such.
     */
    private String settle(String what, Round round) throws Exception {
        long started = System.nanoTime();
        while (true) {
            double compiledBefore = MachineProbe.jitCpuSeconds();
            long roundStarted = System.nanoTime();
            round.run();
            double share = (MachineProbe.jitCpuSeconds() - compiledBefore) / ((System.nanoTime() - roundStarted) / 1e9);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (compiledBefore < 0) {
                return "JIT for %s: its CPU time cannot be read here (not Linux); one round of warm-up only".formatted(what);
            }
            if (share < SETTLED_SHARE || seconds > SETTLE_LIMIT.toSeconds()) {
                return "JIT for %s: %s after %,.0f s more (its compiler threads used %.0f %% of one core in the last round)".formatted(what,
                        share < SETTLED_SHARE ? "settled" : "still busy", seconds, 100 * share);
            }
        }
    }

    private static final double SETTLED_SHARE = 0.05;
    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(4);

    private String token(String user) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password="
                        + URLEncoder.encode(platform.demoPassword(), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (!token.find()) {
            throw new IllegalStateException("no token for " + user + ": " + response.statusCode() + " " + response.body());
        }
        return token.group(1);
    }

    private void waitForSensing() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + ports.sensing() + "/actuator/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (health.statusCode() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("sensing-service did not become healthy");
    }

    private static long storedCount(Connection connection, String community) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM accounting.meter_reading WHERE community_id = ?")) {
            statement.setString(1, community);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long endOffsets(Admin admin, String topic) throws Exception {
        var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        partitions.forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(request).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }

    private Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafka().bootstrapServers());
        return Admin.create(properties);
    }

    private Connection database() throws SQLException {
        return infrastructure.postgres().adminDataSource().getConnection();
    }

    private void line(String text) {
        report.add(text);
        System.out.println(text);
    }
}
