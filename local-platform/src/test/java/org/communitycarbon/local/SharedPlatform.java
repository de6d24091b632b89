package org.communitycarbon.local;

import java.util.List;
import java.util.stream.Stream;

import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local platform, without the simulator, for every test class in this JVM that extends with it: the end-to-end
 * tests and the fault tests, which {@link EndToEndThenFaultsIT} runs one after the other. Each platform start is a
 * minute of a busy build's CPU. The platform starts before the first of those classes and stops after the last, when
 * JUnit closes its root store. The services run with the settings both need ({@link #SERVICE_ARGUMENTS}).
 */
final class SharedPlatform implements BeforeAllCallback {

    /** Devices count as offline after 6 s of silence, and a work order opens 3 s later: minutes in production. */
    static final List<String> QUICK_SILENCE = List.of(
            "--sensing.health.offline-after.electricity-meter=6s", "--sensing.health.offline-after.water-meter=6s",
            "--sensing.health.offline-after.gas-meter=6s", "--sensing.health.offline-after.pv-meter=6s",
            "--sensing.health.offline-after.waste-bin=6s", "--sensing.health.offline-after.environment-sensor=6s",
            "--sensing.health.flush-interval=1s", "--sensing.health.check-interval=1s",
            "--ops.device-offline.after=3s", "--ops.device-offline.check-interval=1s",
            // the recycling dispatcher runs every 30 s in production
            "--recycling.dispatch.interval=1s");

    /**
     * The sensing instances share their subscriptions, as further instances join; Kafka moves a killed consumer's
     * partitions on after 10 s, not its default of 45 s.
     */
    static final List<String> FAST_FAILOVER = List.of(
            "--platform.mqtt.shared-group=sensing",
            "--spring.kafka.consumer.properties.session.timeout.ms=10000",
            "--spring.kafka.consumer.properties.heartbeat.interval.ms=2000");

    static final List<String> SERVICE_ARGUMENTS = Stream.concat(QUICK_SILENCE.stream(), FAST_FAILOVER.stream()).toList();

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedPlatform.class);

    private static volatile LocalPlatform platform;

    @Override
    public void beforeAll(ExtensionContext context) {
        platform = context.getRoot().getStore(NAMESPACE).computeIfAbsent(LocalPlatform.class,
                key -> LocalPlatform.start(new LocalPlatform.Settings(Ports.anyFree(), null)
                        .withServiceArguments(SERVICE_ARGUMENTS.toArray(String[]::new)), EmbeddedInfrastructure.shared()),
                LocalPlatform.class);
    }

    /** The platform, once a class that extends with this has started. */
    static LocalPlatform get() {
        return platform;
    }
}
