package org.communitycarbon.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.infra.FreePorts;
import org.communitycarbon.infra.HttpMqttAuthority;
import org.communitycarbon.simulator.DeviceSimulator;
import org.communitycarbon.simulator.Registration;
import org.communitycarbon.simulator.community.Community;
import org.communitycarbon.simulator.community.CommunitySpec;
import org.communitycarbon.simulator.community.Inventory;
import org.communitycarbon.simulator.SimulatorOptions;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

import sun.misc.Signal;

/**
 * Starts the platform in this JVM: the embedded servers, the six applications (in parallel) and, unless
 * switched off, the simulated community; stops them in reverse order on Ctrl-C.
 * <p>
 * {@code main} runs the documented local platform on the standard ports. Tests use
 * {@link #start(Settings, EmbeddedInfrastructure)} with free ports and the JVM's shared servers.
 */
public final class LocalPlatform implements AutoCloseable {

    /** The local run's fixed ports for PostgreSQL and MQTT (Kafka picks a free one). */
    static final int POSTGRES_PORT = 15432;
    static final int MQTT_PORT = 1883;

    static final String SIMULATED_COMMUNITY_NAME = "Maple Court (simulated)";
    /** The street of the simulated community: the demo street office's (gateway-service.yml, user street). */
    static final String DEMO_STREET = "east-lake";

    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long the registry may take to answer when the master meters' areas are marked as their buildings' supplies. */
    private static final Duration MASTER_METERS_PATIENCE = Duration.ofSeconds(60);

    /**
     * @param ports where the applications listen (on the loopback interface only)
     * @param simulator the simulated community, or null for none; its broker address is set at start
     * @param serviceArguments extra command-line arguments for every service but the gateway
     * @param demoPassword the password of every demo user: made at start unless given, and printed in the banner
     */
    public record Settings(Ports ports, @Nullable SimulatorOptions simulator, List<String> serviceArguments, String demoPassword) {

        public Settings(Ports ports, @Nullable SimulatorOptions simulator) {
            this(ports, simulator, List.of(), newDemoPassword());
        }

        public Settings {
            serviceArguments = List.copyOf(serviceArguments);
            if (demoPassword.isBlank()) {
                throw new IllegalArgumentException("the demo password must not be blank");
            }
        }

        /** The same, with this demo password. */
        public Settings withDemoPassword(String password) {
            return new Settings(ports, simulator, serviceArguments, password);
        }

        public static Settings standard() {
            return new Settings(Ports.standard(), SimulatorOptions.builder().build());
        }

        /** The same, with these command-line arguments added for every service (after the platform's own). */
        public Settings withServiceArguments(String... arguments) {
            List<String> all = new ArrayList<>(serviceArguments);
            all.addAll(List.of(arguments));
            return new Settings(ports, simulator, all, demoPassword);
        }
    }

    private final Settings settings;
    private final Endpoints infrastructure;
    private final List<ConfigurableApplicationContext> applications;
    private final @Nullable DeviceSimulator simulator;

    private LocalPlatform(Settings settings, Endpoints infrastructure,
            List<ConfigurableApplicationContext> applications, @Nullable DeviceSimulator simulator) {
        this.settings = settings;
        this.infrastructure = infrastructure;
        this.applications = applications;
        this.simulator = simulator;
    }

    /** Starts the applications on the embedded servers. */
    public static LocalPlatform start(Settings settings, EmbeddedInfrastructure infrastructure) {
        return start(settings, Endpoints.of(infrastructure));
    }

    /**
     * Starts the applications against running infrastructure; if one fails to start, the others are stopped
     * and the failure is thrown.
     */
    public static LocalPlatform start(Settings settings, Endpoints infrastructure) {
        // Six applications share this JVM's one Logback context. Spring Boot would reset and reconfigure it for
        // each of them, concurrently while they start in parallel; logging is configured once, for the JVM.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        List<PlatformServices.Application> definitions = PlatformServices.all(settings.ports(), infrastructure, settings.demoPassword(),
                settings.serviceArguments());
        List<ConfigurableApplicationContext> started = Collections.synchronizedList(new ArrayList<>());
        ExecutorService starter = Executors.newFixedThreadPool(3, runnable -> new Thread(runnable, "platform-start"));
        try {
            List<Future<ConfigurableApplicationContext>> futures = new ArrayList<>();
            for (PlatformServices.Application application : definitions) {
                futures.add(starter.submit(() -> {
                    ConfigurableApplicationContext context = application.builder().get()
                            .registerShutdownHook(false)
                            .run(application.arguments().toArray(String[]::new));
                    started.add(context);
                    return context;
                }));
            }
            for (Future<ConfigurableApplicationContext> future : futures) {
                future.get();
            }
        }
        catch (Exception e) {
            closeAll(started);
            throw new IllegalStateException("The platform did not start: " + rootMessage(e), e);
        }
        finally {
            starter.shutdown();
        }
        if (infrastructure.embeddedBroker() != null) {
            // Devices' and gateways' accounts are the sensing service's to decide (docs/mqtt-api.md, credentials).
            infrastructure.embeddedBroker().authorizeDevicesWith(
                    new HttpMqttAuthority(URI.create("http://localhost:" + settings.ports().sensing())));
        }
        DeviceSimulator simulator = null;
        if (settings.simulator() != null) {
            Registration.MqttAccount account;
            try {
                registerSimulatedCommunity(settings, settings.simulator().community());
                onboardDemoRecycler(settings, settings.simulator().communityId());
                onboardDemoPartner(settings, settings.simulator().communityId());
                setUpDemoPropertyOffice(settings, settings.simulator().communityId(), settings.simulator().community().zone());
                account = registration(settings).gatewayAccount(settings.simulator().communityId(),
                        DeviceSimulator.SIMULATOR_GATEWAY);
            }
            catch (RuntimeException e) {
                closeAll(started);
                throw new IllegalStateException("The platform did not start: " + e.getMessage(), e);
            }
            // each lighting and pump controller hears its commands with its own device account, as a real one would
            java.util.Map<String, Registration.MqttAccount> controllers = new java.util.LinkedHashMap<>();
            try {
                Registration registration = registration(settings);
                for (var controller : Community.create(settings.simulator().community(), java.time.Instant.now()).controllers()) {
                    controllers.put(controller.deviceId(), registration.deviceAccount(settings.simulator().communityId(), controller.deviceId()));
                }
            }
            catch (RuntimeException e) {
                closeAll(started);
                throw new IllegalStateException("The platform did not start: " + e.getMessage(), e);
            }
            simulator = DeviceSimulator.create(settings.simulator().toBuilder().mqttUrl(infrastructure.mqttUrl())
                    .username(account.username()).password(account.password()).controllerAccounts(controllers).build()).start();
        }
        return new LocalPlatform(settings, infrastructure, List.copyOf(started), simulator);
    }

    public Ports ports() {
        return settings.ports();
    }

    public String gatewayUrl() {
        return "http://localhost:" + settings.ports().gateway();
    }

    public Endpoints infrastructure() {
        return infrastructure;
    }

    public @Nullable DeviceSimulator simulator() {
        return simulator;
    }

    /**
     * Registers a community (as an older community of the national grid region in Asia/Shanghai, unless it exists)
     * and its inventory, as an admin through the gateway: what a test or the benchmark does before its devices speak.
     */
    public void register(Inventory inventory) {
        registration(settings).register(inventory.communityId(), "OLDER", "national", "Asia/Shanghai", inventory);
    }

    /**
     * Registers a simulated community — its devices, and building 9's for trying by hand (docs/mqtt-api.md) — and
     * marks its buildings' supplies (master meters) in the registry, as the local run does before the simulator starts; for tests
     * that publish as the simulated community's devices.
     */
    public void registerSimulatedCommunity(CommunitySpec spec) {
        registerSimulatedCommunity(settings, spec);
    }

    private static void registerSimulatedCommunity(Settings settings, CommunitySpec spec) {
        Inventory inventory = Inventory.of(Community.create(spec, Instant.now())).with(Inventory.tryout(spec.communityId()));
        // in the demo street office's street (the demo user street: east-lake), so its monthly reports add it up
        Registration registration = registration(settings);
        registration.register(SIMULATED_COMMUNITY_NAME, "OLDER", "central-china", spec.zone().getId(), DEMO_STREET, inventory);
        // each building's master meter (em-supply-b01 on area supply-b01), its area marked as the building's supply in the
        // registry: accounting keeps it out of every total and compares it with the building's meters
        // (docs/accounting.md#measured-accuracy-against-master-meters), ops out of the common areas' electricity
        registration.designateMasterMeters(spec.communityId(), DeviceSimulator.masterAreas(spec), MASTER_METERS_PATIENCE);
    }

    /** Onboards the demo recycling company for a community, with the demo user {@code recycler} as its collector. */
    public void onboardDemoRecycler(String communityId) {
        onboardDemoRecycler(settings, communityId);
    }

    private static void onboardDemoRecycler(Settings settings, String communityId) {
        String gateway = "http://localhost:" + settings.ports().gateway();
        DemoRecycler.onboard(gateway, Registration.demoToken(gateway, "admin", settings.demoPassword()), communityId);
    }

    /** Onboards the demo partner platform for a community, whose machine account is the demo user {@code partner}. */
    private static void onboardDemoPartner(Settings settings, String communityId) {
        String gateway = "http://localhost:" + settings.ports().gateway();
        DemoPartner.onboard(gateway, Registration.demoToken(gateway, "admin", settings.demoPassword()), communityId);
    }

    /** The simulated community's demo merchant and example tariff ({@link DemoPropertyOffice}). */
    public void setUpDemoPropertyOffice(String communityId, java.time.ZoneId zone) {
        setUpDemoPropertyOffice(settings, communityId, zone);
    }

    private static void setUpDemoPropertyOffice(Settings settings, String communityId, java.time.ZoneId zone) {
        String gateway = "http://localhost:" + settings.ports().gateway();
        DemoPropertyOffice.setUp(gateway, Registration.demoToken(gateway, "admin", settings.demoPassword()), communityId, zone);
    }

    private static Registration registration(Settings settings) {
        String gateway = "http://localhost:" + settings.ports().gateway();
        return new Registration(gateway, Registration.demoToken(gateway, "admin", settings.demoPassword()));
    }

    /** The password of every demo user of this run. */
    public String demoPassword() {
        return settings.demoPassword();
    }

    /** Ten letters and digits, without look-alikes: a password no other machine shares. */
    static String newDemoPassword() {
        String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            password.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    /**
     * Issues (or, if it exists, rotates) the MQTT account of a community's gateway, as an admin: what a test or the
     * benchmark does before publishing as the community's devices.
     */
    public Registration.MqttAccount gatewayAccount(String communityId, String name) {
        return registration(settings).gatewayAccount(communityId, name);
    }

    /** The running application named {@code spring.application.name}, for tools that look inside (the benchmark). */
    public ConfigurableApplicationContext application(String name) {
        return applications.stream()
                .filter(context -> name.equals(context.getEnvironment().getProperty("spring.application.name")))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no application " + name));
    }

    /**
     * Stops the simulator, then the applications, side by side; the infrastructure belongs to the caller.
     */
    @Override
    public void close() {
        if (simulator != null) {
            simulator.close();
        }
        closeAll(applications);
    }

    private static void closeAll(List<ConfigurableApplicationContext> contexts) {
        contexts.parallelStream().forEach(ConfigurableApplicationContext::close);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    /**
     * The local run. Options: {@code --speed=N} (simulated time N times faster), {@code --no-simulator}.
     */
    public static void main(String[] args) throws InterruptedException {
        useOwnLoggingConfiguration();
        Settings settings;
        try {
            settings = parse(args, System.getenv("DEMO_PASSWORD"));
        }
        catch (IllegalArgumentException e) {
            fail(2, e.getMessage());
            return;
        }
        long began = System.nanoTime();
        System.out.println("Starting the community carbon platform (embedded PostgreSQL, Kafka, MQTT broker; six services)...");
        try {
            // Every fixed port first: a port in use is named before anything starts.
            settings.ports().requireFree();
            FreePorts.requireFree(POSTGRES_PORT, "PostgreSQL");
            FreePorts.requireFree(MQTT_PORT, "the MQTT broker");
        }
        catch (IllegalStateException e) {
            fail(2, e.getMessage());
            return;
        }
        Path data = temporaryDirectory();
        EmbeddedInfrastructure infrastructure;
        try {
            infrastructure = EmbeddedInfrastructure.start(new EmbeddedInfrastructure.Ports(POSTGRES_PORT, MQTT_PORT, "0.0.0.0"), data, true);
        }
        catch (RuntimeException e) {
            fail(1, "The embedded servers did not start: " + rootMessage(e));
            return;
        }
        LocalPlatform platform;
        try {
            platform = start(settings, infrastructure);
        }
        catch (RuntimeException e) {
            infrastructure.close();
            fail(1, e.getMessage());
            return;
        }
        Stopper stopper = new Stopper(platform, infrastructure);
        // Ctrl-C and SIGTERM stop everything in order before the JVM starts its shutdown: the embedded servers'
        // libraries have shutdown hooks of their own that would otherwise pull the servers away from under
        // services that are still closing. A second signal (spring-boot:run sends SIGTERM if the first has not
        // ended the process within 5 s) waits for the same stop instead of cutting it short.
        for (String signal : List.of("INT", "TERM")) {
            Signal.handle(new Signal(signal), received -> {
                stopper.stopAndWait();
                System.exit(0);
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stopper::stopAndWait, "local-platform-shutdown"));
        System.out.println(Banner.text(platform, infrastructure, settings, data, Duration.ofNanos(System.nanoTime() - began)));
        stopper.await();
    }

    /**
     * Says why the run cannot go on and ends the JVM with {@code status}, whatever threads the libraries started
     * meanwhile; if their shutdown hooks hang, the JVM is halted after a grace period.
     */
    private static void fail(int status, String why) {
        System.err.println(why);
        System.err.println("Stopped.");
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(10_000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(status);
        }, "local-platform-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(status);
    }

    /** Stops the platform once, however many times it is asked, and lets every asker wait for the end. */
    private static final class Stopper {

        private final LocalPlatform platform;
        private final EmbeddedInfrastructure infrastructure;
        private final AtomicBoolean started = new AtomicBoolean();
        private final CountDownLatch done = new CountDownLatch(1);

        Stopper(LocalPlatform platform, EmbeddedInfrastructure infrastructure) {
            this.platform = platform;
            this.infrastructure = infrastructure;
        }

        void stopAndWait() {
            if (started.compareAndSet(false, true)) {
                long began = System.nanoTime();
                System.out.println("Stopping...");
                try {
                    platform.close();
                    infrastructure.close();
                }
                finally {
                    System.out.println("Stopped in " + Duration.ofNanos(System.nanoTime() - began).toMillis()
                            + " ms; the data directory is gone.");
                    done.countDown();
                }
            }
            await();
        }

        void await() {
            try {
                done.await();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * HiveMQ's jar carries a logback.xml; Logback must start from ours. The applications leave logging as it is
     * (see {@link #start(Settings, Endpoints)}).
     */
    private static void useOwnLoggingConfiguration() {
        System.setProperty("logback.configurationFile", "local-platform-logback.xml");
    }

    static Settings parse(String[] args) {
        return parse(args, null);
    }

    /** @param demoPassword the demo password from the environment ({@code DEMO_PASSWORD}); {@code --demo-password=} wins */
    static Settings parse(String[] args, @Nullable String demoPassword) {
        double speed = 1;
        boolean simulator = true;
        SimulatorOptions.Builder options = SimulatorOptions.builder();
        for (String arg : args) {
            if (arg.startsWith("--speed=")) {
                speed = Double.parseDouble(arg.substring("--speed=".length()));
                if (speed <= 0) {
                    throw new IllegalArgumentException("--speed must be positive");
                }
            }
            else if (arg.equals("--no-simulator")) {
                simulator = false;
            }
            else if (arg.startsWith("--demo-password=")) {
                demoPassword = arg.substring("--demo-password=".length());
            }
            // the simulator's device faults (device-simulator/README.md): batteries running low, outages, broken messages
            else if (arg.startsWith("--low-battery-share=")) {
                options.lowBatteryShare(Double.parseDouble(arg.substring("--low-battery-share=".length())));
            }
            else if (arg.startsWith("--outage-share=")) {
                options.outageShare(Double.parseDouble(arg.substring("--outage-share=".length())));
            }
            else if (arg.startsWith("--outage-minutes=")) {
                options.outageMinutes(Integer.parseInt(arg.substring("--outage-minutes=".length())));
            }
            else if (arg.startsWith("--glitch-rate=")) {
                options.glitchRate(Double.parseDouble(arg.substring("--glitch-rate=".length())));
            }
            // what the simulated community does for the monitoring rules to see (device-simulator/README.md)
            else if (arg.startsWith("--lighting-ignore-share=")) {
                double share = Double.parseDouble(arg.substring("--lighting-ignore-share=".length()));
                options.community(community -> community.lightingIgnoreShare(share));
            }
            else if (arg.startsWith("--pm25-spike-chance=")) {
                double chance = Double.parseDouble(arg.substring("--pm25-spike-chance=".length()));
                options.community(community -> community.episodes(new org.communitycarbon.simulator.community.EnvironmentEpisodes(chance,
                        community.build().episodes().noisyNightChance())));
            }
            else if (arg.startsWith("--noisy-night-chance=")) {
                double chance = Double.parseDouble(arg.substring("--noisy-night-chance=".length()));
                options.community(community -> community.episodes(new org.communitycarbon.simulator.community.EnvironmentEpisodes(
                        community.build().episodes().pm25SpikeChance(), chance)));
            }
            else {
                throw new IllegalArgumentException("Unknown option " + arg + "; known: --speed=N, --no-simulator, --demo-password=P, "
                        + "--low-battery-share=S, --outage-share=S, --outage-minutes=M, --glitch-rate=S, --lighting-ignore-share=S, "
                        + "--pm25-spike-chance=P, --noisy-night-chance=P");
            }
        }
        Settings settings = new Settings(Ports.standard(), simulator ? options.speed(speed).build() : null);
        return demoPassword == null || demoPassword.isBlank() ? settings : settings.withDemoPassword(demoPassword);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("community-carbon-local-");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
