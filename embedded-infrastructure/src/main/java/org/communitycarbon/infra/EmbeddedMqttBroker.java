package org.communitycarbon.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;

/**
 * The HiveMQ Community Edition broker: MQTT 3.1.1 and 5, QoS 0–2, persistent sessions and shared
 * subscriptions. Sessions and queued messages live in memory, so they survive a client reconnecting but not
 * the broker restarting.
 * <p>
 * Configured so that no acknowledged message is lost to overload: a queue limit of
 * {@link MqttBrokerSettings#maxQueuedMessages()} per client (HiveMQ's default is 1,000, discarding the rest)
 * and {@link BrokerBackPressure} holding devices' publishes while the platform is behind. Its delivery of
 * QoS 1 messages to a subscriber is widened from HiveMQ's internal defaults (50 messages polled and in flight
 * at a time), which cap one subscriber at about 1,000 messages a second; see docs/performance.md.
 */
public final class EmbeddedMqttBroker implements AutoCloseable {

    /** Messages HiveMQ polls from a client's queue, and keeps in flight to it, at a time. */
    static final int DELIVERY_WINDOW = 1_000;

    private final EmbeddedHiveMQ hivemq;
    private final BrokerBackPressure backPressure;
    private final BrokerAccess access;
    private final MqttBrokerSettings settings;
    private final int port;

    private EmbeddedMqttBroker(EmbeddedHiveMQ hivemq, BrokerBackPressure backPressure, BrokerAccess access,
            MqttBrokerSettings settings, int port) {
        this.hivemq = hivemq;
        this.backPressure = backPressure;
        this.access = access;
        this.settings = settings;
        this.port = port;
    }

    /**
     * Who decides on device and gateway accounts from now on; until one is set, only the platform's accounts connect
     * and devices are told the server is unavailable (0x88), so they retry.
     */
    public EmbeddedMqttBroker authorizeDevicesWith(@Nullable MqttAuthority authority) {
        access.authority(authority);
        return this;
    }

    /** The sensing service's account ({@link MqttBrokerSettings#PLATFORM_USERNAME}). */
    public String platformUsername() {
        return MqttBrokerSettings.PLATFORM_USERNAME;
    }

    public String platformPassword() {
        String password = settings.platformAccounts().get(MqttBrokerSettings.PLATFORM_USERNAME);
        if (password == null) {
            throw new IllegalStateException("this broker has no account " + MqttBrokerSettings.PLATFORM_USERNAME);
        }
        return password;
    }

    /** Disconnects connected devices whose accounts were revoked, now rather than at the next sweep (every 30 s). */
    public void sweepRevokedAccounts() {
        access.sweep();
    }

    /** Connections refused since the start: anonymous, bad credentials, unknown or revoked accounts. */
    public long connectionsRefused() {
        return access.refused();
    }

    /** The broker with the default limits (see {@link MqttBrokerSettings}). */
    public static EmbeddedMqttBroker start(int port, String bindAddress, Path workDirectory) {
        return start(MqttBrokerSettings.on(port, bindAddress), workDirectory);
    }

    /**
     * @param workDirectory holds the broker's configuration and data folders
     */
    public static EmbeddedMqttBroker start(MqttBrokerSettings settings, Path workDirectory) {
        int listenPort = settings.port() == 0 ? FreePorts.any() : FreePorts.requireFree(settings.port(), "the MQTT broker");
        widenDelivery();
        try {
            Path config = Files.createDirectories(workDirectory.resolve("conf"));
            Path data = Files.createDirectories(workDirectory.resolve("data"));
            Path extensions = Files.createDirectories(workDirectory.resolve("extensions"));
            Files.writeString(config.resolve("config.xml"), configuration(listenPort, settings), StandardCharsets.UTF_8);
            QueuedBytes queued = new QueuedBytes();
            BrokerBackPressure backPressure = new BrokerBackPressure(queued, settings.backPressureHighBytes(),
                    settings.backPressureLowBytes());
            BrokerAccess access = new BrokerAccess(settings.platformAccounts());
            EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(config)
                    .withDataFolder(data)
                    .withExtensionsFolder(extensions)
                    .withEmbeddedExtension(EmbeddedExtension.builder()
                            .withId("community-carbon-platform")
                            .withName("Device accounts and back-pressure while the platform is behind")
                            .withVersion("1")
                            .withExtensionMain(new PlatformExtension(access, backPressure))
                            .build())
                    .build();
            queued.registry = hivemq.getMetricRegistry();
            hivemq.start().join();
            return new EmbeddedMqttBroker(hivemq, backPressure, access, settings, listenPort);
        }
        catch (IOException e) {
            throw new UncheckedIOException("MQTT broker configuration could not be written", e);
        }
        catch (CompletionException e) {
            throw new IllegalStateException("MQTT broker did not start on port " + listenPort, e.getCause());
        }
    }

    /**
     * HiveMQ CE sends a subscriber at most 50 QoS 1 messages per poll of its queue, which caps one subscriber near
     * 1,000 messages a second however fast it acknowledges. These are the broker's internal settings (public
     * static fields, read when a client's queue is polled); one broker runs per JVM, so setting them here is safe.
     */
    private static void widenDelivery() {
        InternalConfigurations.PUBLISH_POLL_BATCH_SIZE = DELIVERY_WINDOW;
        InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = DELIVERY_WINDOW;
    }

    private static String configuration(int port, MqttBrokerSettings settings) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                        </tcp-listener>
                    </listeners>
                    <mqtt>
                        <queued-messages>
                            <max-queue-size>%d</max-queue-size>
                            <strategy>discard</strategy>
                        </queued-messages>
                        <packets>
                            <max-packet-size>%d</max-packet-size>
                        </packets>
                    </mqtt>
                    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, settings.bindAddress(), settings.maxQueuedMessages(), settings.maxPacketBytes());
    }

    public int port() {
        return port;
    }

    /** The address MQTT clients connect to, e.g. {@code tcp://localhost:1883}. */
    public String url() {
        return "tcp://localhost:" + port;
    }

    /** Bytes of messages queued for subscribers, in flight to them included. */
    public long queuedBytes() {
        return QueuedBytes.read(hivemq.getMetricRegistry());
    }

    /** Messages the broker dropped since it started: over a queue limit, expired, or with no route. */
    public long droppedMessages() {
        Counter dropped = hivemq.getMetricRegistry().getCounters().get("com.hivemq.messages.dropped.count");
        return dropped == null ? 0 : dropped.getCount();
    }

    /** Publishes held by back-pressure right now, and since the start. */
    public long publishesHeld() {
        return backPressure.holding();
    }

    public long publishesHeldTotal() {
        return backPressure.heldTotal();
    }

    @Override
    public void close() {
        try {
            hivemq.stop().join();
        }
        finally {
            try {
                hivemq.close();
            }
            catch (Exception e) {
                throw new IllegalStateException("MQTT broker did not close cleanly", e);
            }
        }
    }

    /** HiveMQ's gauge of bytes queued in memory for clients. */
    private static final class QueuedBytes implements java.util.function.LongSupplier {

        private volatile @Nullable MetricRegistry registry;

        @Override
        public long getAsLong() {
            MetricRegistry current = registry;
            return current == null ? 0 : read(current);
        }

        static long read(MetricRegistry registry) {
            Gauge<?> gauge = registry.getGauges().get("com.hivemq.persistence.queued-messages.in-memory.total-size");
            return gauge != null && gauge.getValue() instanceof Number bytes ? bytes.longValue() : 0;
        }
    }
}
