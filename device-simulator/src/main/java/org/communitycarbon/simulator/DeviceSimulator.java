package org.communitycarbon.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.simulator.community.Community;
import org.communitycarbon.simulator.community.CommunitySpec;
import org.communitycarbon.simulator.community.Inventory;
import org.communitycarbon.simulator.mqtt.PahoChannel;
import org.communitycarbon.simulator.mqtt.ReliablePublisher;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated residential community publishing over MQTT exactly as its real devices would: household
 * electricity, water and gas meters, rooftop PV meters, public-area meters, environment sensors and
 * sorting bins at timed drop points (see {@link Community}). Each device reports once per simulated
 * minute; {@code speed} makes simulated time run faster than real time.
 * <p>
 * In-process use (the local launcher):
 * <pre>{@code
 * try (DeviceSimulator simulator = DeviceSimulator.create(SimulatorOptions.builder()
 *         .mqttUrl("tcp://localhost:1883").speed(60).build()).start()) {
 *     ...
 *     simulator.counts().published();
 * }
 * }</pre>
 * Standalone: {@code java -jar device-simulator-<version>-exec.jar --mqtt=tcp://localhost:1883 --speed=60}
 * (see {@link #main}). One thread ({@code device-simulator-<community>}) does all the work; the Paho
 * client adds its own. {@link #close()} stops both.
 */
public final class DeviceSimulator implements AutoCloseable {

    /** The name of the gateway account the simulator takes when it registers its community. */
    public static final String SIMULATOR_GATEWAY = "simulator";

    /** Not static: {@link #main} chooses the logging configuration before the first logger exists. */
    private final Logger log = LoggerFactory.getLogger(DeviceSimulator.class);

    private final SimulatorOptions options;
    private final Clock clock;
    private final Consumer<String> summaries;
    private final String clientId;
    private final PublishCounters counters = new PublishCounters();
    private final CountDownLatch closed = new CountDownLatch(1);

    private volatile @Nullable Community community;
    private volatile @Nullable SimulationClock simulationClock;
    private volatile @Nullable ReliablePublisher publisher;
    private volatile @Nullable ReportLoop loop;
    private volatile @Nullable Thread thread;
    private boolean started;
    private boolean stopped;

    private DeviceSimulator(SimulatorOptions options, Clock clock, Consumer<String> summaries) {
        this.options = options;
        this.clock = clock;
        this.summaries = summaries;
        // A device or gateway account may use only client ids that start with its username and a slash.
        String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        this.clientId = options.username() == null || options.username().isBlank()
                ? "device-simulator-" + options.communityId() + "-" + suffix : options.username() + "/" + suffix;
    }

    public static DeviceSimulator create(SimulatorOptions options) {
        return builder(options).build();
    }

    public static Builder builder(SimulatorOptions options) {
        return new Builder(options);
    }

    /**
     * Lays out the community, starts the simulated clock and begins publishing: every device sends its
     * first message within the first few real seconds. Returns at once; connecting to the broker (and
     * reconnecting, with back-off) happens on the simulator's thread.
     *
     * @throws IllegalStateException if already started or closed
     */
    public synchronized DeviceSimulator start() {
        if (started || stopped) {
            throw new IllegalStateException(stopped ? "the simulator was closed" : "the simulator is already running");
        }
        started = true;
        SimulationClock simulated = options.simulatedStart() == null
                ? SimulationClock.startingNow(clock, options.speed())
                : SimulationClock.startingAt(clock, options.simulatedStart(), options.speed());
        Community laidOut = Community.create(options.community(), simulated.simulatedStart());
        ReliablePublisher reliable = new ReliablePublisher(
                new PahoChannel(options.mqttUrl(), clientId, options.username(), options.password()), options.maxInFlight());
        ReportLoop reports = new ReportLoop(laidOut.devices(), simulated, reliable, counters, summaries,
                options.communityId(), options.community().zone());
        Thread worker = new Thread(reports, "device-simulator-" + options.communityId());
        worker.setDaemon(true);
        worker.setUncaughtExceptionHandler((failed, e) -> log.error("The simulator stopped on an error", e));
        this.community = laidOut;
        this.simulationClock = simulated;
        this.publisher = reliable;
        this.loop = reports;
        this.thread = worker;
        worker.start();
        log.info("Simulating {}: {} devices publishing to {} as {}, speed {}x, simulated clock from {}", options.communityId(),
                laidOut.devices().size(), options.mqttUrl(), clientId, speedText(options.speed()), simulated.simulatedStart());
        return this;
    }

    /** The devices by type (known once started) and what has been published so far. */
    public SimulatorCounts counts() {
        Community current = community;
        ReportLoop reports = loop;
        ReliablePublisher reliable = publisher;
        Map<DeviceType, Integer> devices = current == null ? Map.of() : current.devicesByType();
        return new SimulatorCounts(devices, counters.total(), counters.byDeviceType(), counters.byMessage(),
                reliable == null ? 0 : reliable.republished(), reliable == null ? 0 : reliable.rejected(),
                reports == null ? null : reports.simulatedTime());
    }

    /** The simulated community, with its households and devices. */
    public Community community() {
        Community current = community;
        if (current == null) {
            throw new IllegalStateException("the community is laid out when the simulator starts");
        }
        return current;
    }

    /** The simulated clock. */
    public SimulationClock clock() {
        SimulationClock current = simulationClock;
        if (current == null) {
            throw new IllegalStateException("the simulated clock starts with the simulator");
        }
        return current;
    }

    public SimulatorOptions options() {
        return options;
    }

    /** The MQTT client id; Paho's threads carry it in their names. */
    public String clientId() {
        return clientId;
    }

    /**
     * Stops reporting, waits briefly for messages in flight to be acknowledged, disconnects and ends all
     * threads of the simulator. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            ReportLoop reports = loop;
            Thread worker = thread;
            if (reports != null && worker != null) {
                reports.stop();
                worker.interrupt();
                worker.join(Duration.ofSeconds(10).toMillis());
                if (worker.isAlive()) {
                    log.warn("The simulator thread did not stop within 10 s");
                }
            }
            ReliablePublisher reliable = publisher;
            if (reliable != null) {
                reliable.close(Duration.ofSeconds(2));
            }
            if (started) {
                log.info("Simulator {} stopped after {} messages", options.communityId(), counters.total());
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finally {
            closed.countDown();
        }
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /**
     * Runs the simulator until Ctrl-C. Options are {@code --name=value} arguments or environment
     * variables (see {@code --help}): {@code --mqtt=tcp://localhost:1883 --community=maple-court --speed=60
     * --buildings=8 --households-per-building=48 --seed=42 --username= --password=}. Prints one line at
     * the start, a summary about once a simulated minute (at most every 5 real seconds), and the totals
     * when stopped.
     */
    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "device-simulator-logback.xml");
        }
        CommandLine.Parsed parsed;
        try {
            parsed = CommandLine.parse(args, System.getenv());
        }
        catch (IllegalArgumentException e) {
            System.err.println("device-simulator: " + e.getMessage());
            System.err.println(CommandLine.usage());
            System.exit(2);
            return;
        }
        if (parsed.help()) {
            System.out.println(CommandLine.usage());
            return;
        }
        SimulatorOptions options = parsed.options();
        if (options.registryUrl() != null) {
            CommunitySpec spec = options.community();
            Inventory inventory = Inventory.of(Community.create(spec, Instant.now()));
            Registration registration = new Registration(options.registryUrl(), Objects.requireNonNull(options.registryToken()));
            registration.register(spec.communityId() + " (simulated)", "OLDER", "central-china", spec.zone().getId(), inventory);
            System.out.println("Registered " + inventory.devices().size() + " devices of " + spec.communityId() + " at "
                    + options.registryUrl());
            if (options.username() == null || options.username().isBlank()) {
                Registration.MqttAccount account = registration.gatewayAccount(spec.communityId(), SIMULATOR_GATEWAY);
                options = options.toBuilder().username(account.username()).password(account.password()).build();
                System.out.println("Connecting as gateway account " + account.username());
            }
        }
        DeviceSimulator simulator = DeviceSimulator.builder(options).summaries(System.out::println).build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            System.out.println(simulator.finalLine());
        }, "device-simulator-shutdown"));
        simulator.start();
        System.out.println(simulator.startLine());
        simulator.awaitClosed();
    }

    private String startLine() {
        SimulatorCounts counts = counts();
        String devices = counts.devicesByType().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> String.format(Locale.ROOT, "%,d %s", entry.getValue(), entry.getKey().slug()))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT,
                "Simulating %s: %,d devices (%s) publishing to %s at speed %sx; simulated clock starts %s %s. Ctrl-C stops.",
                options.communityId(), counts.devices(), devices, options.mqttUrl(), speedText(options.speed()),
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(clock().simulatedStart().atZone(options.community().zone())),
                options.community().zone().getId());
    }

    private String finalLine() {
        SimulatorCounts counts = counts();
        Map<DeviceType, Long> byType = new EnumMap<>(counts.publishedByDeviceType());
        return String.format(Locale.ROOT, "Stopped %s: %,d messages acknowledged (%s), %,d republished, %,d refused.",
                options.communityId(), counts.published(),
                byType.entrySet().stream().map(e -> String.format(Locale.ROOT, "%,d %s", e.getValue(), e.getKey().slug()))
                        .collect(Collectors.joining(", ")),
                counts.republished(), counts.rejected());
    }

    /** {@code 60} rather than {@code 60.0}, {@code 0.5} as it is. */
    static String speedText(double speed) {
        return speed == Math.rint(speed) ? String.valueOf((long) speed) : String.valueOf(speed);
    }

    /** Builds a {@link DeviceSimulator}. */
    public static final class Builder {

        private final SimulatorOptions options;
        private Clock clock = Clock.systemUTC();
        private @Nullable Consumer<String> summaries;

        private Builder(SimulatorOptions options) {
            this.options = options;
        }

        /** The real clock; tests may inject one. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Receives the periodic one-line summaries; by default they are logged at INFO. */
        public Builder summaries(Consumer<String> summaries) {
            this.summaries = summaries;
            return this;
        }

        public DeviceSimulator build() {
            Consumer<String> sink = summaries;
            if (sink == null) {
                Logger summaryLog = LoggerFactory.getLogger(DeviceSimulator.class);
                sink = summaryLog::info;
            }
            return new DeviceSimulator(options, clock, sink);
        }
    }
}
