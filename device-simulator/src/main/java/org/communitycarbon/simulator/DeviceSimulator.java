package org.communitycarbon.simulator;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.simulator.community.Community;
import org.communitycarbon.simulator.community.CommunitySpec;
import org.communitycarbon.simulator.community.Controller;
import org.communitycarbon.simulator.community.DeviceFaults;
import org.communitycarbon.simulator.community.Inventory;
import org.communitycarbon.simulator.community.MasterMeter;
import org.communitycarbon.simulator.community.SimulatedDevice;
import org.communitycarbon.simulator.mqtt.CommandSubscriber;
import org.communitycarbon.simulator.mqtt.PahoChannel;
import org.communitycarbon.simulator.mqtt.PublishChannel;
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
 * <p>
 * Devices can fail, so that the platform's device health, dead letters and work orders can be tried: batteries
 * that start low, outages and broken messages drawn from the seed ({@link CommunitySpec#faults()}), and power cuts
 * on demand with {@link #silence} and {@link #silenceBuilding}.
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
    private final FaultCounters faults = new FaultCounters();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final @Nullable PublishChannel channel;

    private volatile @Nullable Community community;
    private volatile @Nullable SimulationClock simulationClock;
    private volatile @Nullable ReliablePublisher publisher;
    private volatile @Nullable Silences silences;
    private volatile @Nullable ReportLoop loop;
    private volatile @Nullable Thread thread;
    private final List<CommandSubscriber> commandSubscribers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean started;
    private boolean stopped;

    private DeviceSimulator(SimulatorOptions options, Clock clock, Consumer<String> summaries, @Nullable PublishChannel channel) {
        this.options = options;
        this.clock = clock;
        this.summaries = summaries;
        this.channel = channel;
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
        ReliablePublisher reliable = new ReliablePublisher(channel != null ? channel
                : new PahoChannel(options.mqttUrl(), clientId, options.username(), options.password()), options.maxInFlight());
        Silences silent = new Silences(laidOut.plannedOutages());
        Glitches glitches = new Glitches(Objects.hash(options.seed(), options.communityId(), "glitches"),
                options.community().faults().glitchRate());
        DeviceReporter reporter = new DeviceReporter(silent, glitches, reliable::publish, counters, faults);
        ReportLoop reports = new ReportLoop(laidOut.devices(), simulated, reporter, reliable, counters, faults, summaries,
                options.communityId(), options.community().zone());
        Thread worker = new Thread(reports, "device-simulator-" + options.communityId());
        worker.setDaemon(true);
        worker.setUncaughtExceptionHandler((failed, e) -> log.error("The simulator stopped on an error", e));
        this.community = laidOut;
        this.simulationClock = simulated;
        this.publisher = reliable;
        this.silences = silent;
        this.loop = reports;
        this.thread = worker;
        worker.start();
        if (channel == null) {
            listenForCommands(laidOut);
        }
        log.info("Simulating {}: {} devices publishing to {} as {}, speed {}x, simulated clock from {}", options.communityId(),
                laidOut.devices().size(), options.mqttUrl(), clientId, speedText(options.speed()), simulated.simulatedStart());
        return this;
    }

    /**
     * Lets the controllers hear their commands: each controller with a device account of its own on its own connection,
     * the others together on one connection with the simulator's account.
     */
    private void listenForCommands(Community laidOut) {
        String communityId = options.communityId();
        Map<String, Controller> shared = new java.util.LinkedHashMap<>();
        for (Controller controller : laidOut.controllers()) {
            String topic = CommandSubscriber.commandTopic(controller, communityId);
            Registration.MqttAccount own = options.controllerAccounts().get(controller.deviceId());
            if (own == null) {
                shared.put(topic, controller);
            }
            else {
                commandSubscribers.add(new CommandSubscriber(options.mqttUrl(), own.username(), own.username(), own.password(),
                        Map.of(topic, controller), c -> CommandSubscriber.ackTopic(c, communityId), clock).start());
            }
        }
        if (!shared.isEmpty()) {
            // a stable client id, so that the broker keeps the session and its commands across restarts
            String commandsClientId = options.username() == null ? "device-simulator-" + communityId + "-commands"
                    : options.username() + "/commands";
            commandSubscribers.add(new CommandSubscriber(options.mqttUrl(), commandsClientId, options.username(), options.password(),
                    shared, c -> CommandSubscriber.ackTopic(c, communityId), clock).start());
        }
    }

    /** Commands the controllers received, and acknowledgements they sent. */
    public long commandsReceived() {
        return commandSubscribers.stream().mapToLong(CommandSubscriber::received).sum();
    }

    public long commandsAcknowledged() {
        return commandSubscribers.stream().mapToLong(CommandSubscriber::acknowledged).sum();
    }

    /** The devices by type (known once started) and what has been published so far. */
    public SimulatorCounts counts() {
        Community current = community;
        ReportLoop reports = loop;
        ReliablePublisher reliable = publisher;
        Map<DeviceType, Integer> devices = current == null ? Map.of() : current.devicesByType();
        return new SimulatorCounts(devices, counters.total(), counters.byDeviceType(), counters.byMessage(),
                reliable == null ? 0 : reliable.republished(), reliable == null ? 0 : reliable.rejected(),
                faults.glitched(), faults.withheld(), faults.silencedDevices(), faults.silentDevices(),
                reports == null ? null : reports.simulatedTime());
    }

    /**
     * Cuts the power of the matching devices for {@code realDuration} of real time from now, as a power cut would:
     * they publish nothing at all meanwhile, then resume their normal schedule. Their registers, bins and batteries
     * go on with simulated time, so a meter's first reading afterwards includes what was used during the cut. A
     * device already cut off for longer stays so.
     *
     * @param which the devices to cut off, e.g. {@code device -> device.type() == DeviceType.WASTE_BIN}
     * @return the ids of the devices cut off, in layout order; empty if none matched
     * @throws IllegalStateException before {@link #start()}, when there are no devices yet
     * @throws IllegalArgumentException if the duration is not positive
     */
    public List<String> silence(Predicate<SimulatedDevice> which, Duration realDuration) {
        if (realDuration.isNegative() || realDuration.isZero()) {
            throw new IllegalArgumentException("realDuration: must be above 0, was " + realDuration);
        }
        Silences current = silences;
        if (current == null) {
            throw new IllegalStateException("devices can be silenced once the simulator has started");
        }
        List<String> deviceIds = community().devices().stream().filter(which).map(SimulatedDevice::deviceId).toList();
        current.silence(deviceIds, clock().realNow().plus(realDuration));
        if (!deviceIds.isEmpty()) {
            log.info("Cut the power of {} device{} of {} for {} real time", deviceIds.size(), deviceIds.size() == 1 ? "" : "s",
                    options.communityId(), realDuration);
        }
        return deviceIds;
    }

    /**
     * Cuts the power of a whole residential building for {@code realDuration} of real time, as {@link #silence} does:
     * its households' meters, its roof's PV meter and its lobby's environment sensor (the devices whose
     * {@link SimulatedDevice.Installation#buildingId()} it is). The platform opens one work order for a building when
     * half its devices are offline.
     *
     * @param buildingId e.g. {@code b03}
     * @return the ids of the devices cut off
     * @throws IllegalArgumentException if the community has no such building
     */
    public List<String> silenceBuilding(String buildingId, Duration realDuration) {
        List<String> buildings = community().buildingIds();
        if (!buildings.contains(buildingId)) {
            throw new IllegalArgumentException("buildingId: " + options.communityId() + " has no building " + buildingId
                    + "; its buildings are " + buildings.get(0) + " to " + buildings.get(buildings.size() - 1));
        }
        return silence(device -> buildingId.equals(device.installation().buildingId()), realDuration);
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
            commandSubscribers.forEach(CommandSubscriber::close);
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
            Map<String, String> masterAreas = masterAreas(spec);
            try {
                registration.designateMasterMeters(spec.communityId(), masterAreas, Duration.ofSeconds(60));
                System.out.println("Marked the buildings' supplies (master meters) in the registry: " + String.join(", ", masterAreas.values()));
            }
            catch (IllegalStateException e) {
                // the devices still speak; accounting and ops count the master meters as common areas until they are marked
                System.err.println("device-simulator: the master meters were not designated: " + e.getMessage());
            }
            if (options.username() == null || options.username().isBlank()) {
                Registration.MqttAccount account = registration.gatewayAccount(spec.communityId(), SIMULATOR_GATEWAY);
                options = options.toBuilder().username(account.username()).password(account.password()).build();
                System.out.println("Connecting as gateway account " + account.username());
            }
            Map<String, Registration.MqttAccount> controllers = new java.util.LinkedHashMap<>();
            for (Controller controller : Community.create(spec, Instant.now()).controllers()) {
                controllers.put(controller.deviceId(), registration.deviceAccount(spec.communityId(), controller.deviceId()));
            }
            options = options.toBuilder().controllerAccounts(controllers).build();
            System.out.println("Controllers hear their commands with their own device accounts: " + String.join(", ", controllers.keySet()));
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

    /** Each building's master meter's common area ({@code b01} to {@code supply-b01}), to mark as its supply in the registry. */
    public static Map<String, String> masterAreas(CommunitySpec spec) {
        Map<String, String> areas = new java.util.LinkedHashMap<>();
        for (MasterMeter master : Community.create(spec, Instant.now()).masterMeters()) {
            areas.put(master.buildingId(), master.areaId());
        }
        return areas;
    }

    private String startLine() {
        SimulatorCounts counts = counts();
        String devices = counts.devicesByType().entrySet().stream()
                .filter(entry -> entry.getValue() > 0) // no recycling scale is simulated: no "0 recycling-scale"
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> String.format(Locale.ROOT, "%,d %s", entry.getValue(), entry.getKey().slug()))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT,
                "Simulating %s: %,d devices (%s) publishing to %s at speed %sx; simulated clock starts %s %s.%s Ctrl-C stops.",
                options.communityId(), counts.devices(), devices, options.mqttUrl(), speedText(options.speed()),
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(clock().simulatedStart().atZone(options.community().zone())),
                options.community().zone().getId(), faultsText());
    }

    /**
     * The faults of this run for the start line, e.g. {@code " Faults: 2 low batteries; 59 outages of 60 simulated
     * minutes within the first day; 1% of messages broken."}, or nothing.
     */
    private String faultsText() {
        DeviceFaults configured = options.community().faults();
        if (!configured.any()) {
            return "";
        }
        Community current = community();
        List<String> parts = new ArrayList<>();
        if (configured.lowBatteryShare() > 0) {
            int low = current.lowBatteryDevices().size();
            parts.add(String.format(Locale.ROOT, "%,d low batter%s", low, low == 1 ? "y" : "ies"));
        }
        if (configured.outageShare() > 0) {
            int outages = current.plannedOutages().size();
            parts.add(String.format(Locale.ROOT, "%,d outage%s of %,d simulated minutes within the first day", outages,
                    outages == 1 ? "" : "s", configured.outageMinutes()));
        }
        if (configured.glitchRate() > 0) {
            parts.add(String.format(Locale.ROOT, "%s%% of messages broken",
                    BigDecimal.valueOf(configured.glitchRate() * 100).stripTrailingZeros().toPlainString()));
        }
        return " Faults: " + String.join("; ", parts) + ".";
    }

    private String finalLine() {
        SimulatorCounts counts = counts();
        Map<DeviceType, Long> byType = new EnumMap<>(counts.publishedByDeviceType());
        String broken = counts.glitched() == 0 ? "" : String.format(Locale.ROOT, ", %,d sent broken", counts.glitched());
        String silenced = counts.silencedDevices() == 0 ? ""
                : String.format(Locale.ROOT, "; %,d device%s lost power (%,d messages not sent)", counts.silencedDevices(),
                        counts.silencedDevices() == 1 ? "" : "s", counts.withheld());
        return String.format(Locale.ROOT, "Stopped %s: %,d messages acknowledged (%s), %,d republished, %,d refused%s%s.",
                options.communityId(), counts.published(),
                byType.entrySet().stream().map(e -> String.format(Locale.ROOT, "%,d %s", e.getValue(), e.getKey().slug()))
                        .collect(Collectors.joining(", ")),
                counts.republished(), counts.rejected(), broken, silenced);
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
        private @Nullable PublishChannel channel;

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

        /** The connection to publish on instead of Paho's; for tests, with a fake broker. */
        Builder channel(PublishChannel channel) {
            this.channel = channel;
            return this;
        }

        public DeviceSimulator build() {
            Consumer<String> sink = summaries;
            if (sink == null) {
                Logger summaryLog = LoggerFactory.getLogger(DeviceSimulator.class);
                sink = summaryLog::info;
            }
            return new DeviceSimulator(options, clock, sink, channel);
        }
    }
}
