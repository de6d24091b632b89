package org.communitycarbon.local;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.simulator.Registration;
import org.communitycarbon.simulator.community.Inventory;
import org.communitycarbon.testing.MqttTestClient;

/**
 * A steady load from a community of its own, over MQTT QoS 1 as devices send it: electricity readings from
 * {@code meters} household meters (one per household, each a minute after the last, 0.1 kWh higher) and, every
 * tenth tick, a correctly sorted deposit of 0.5 kg by one of the households, 15 s after the last in the bin's time.
 * Counts what the broker acknowledged, so a test can compare with what the platform stored. A publish that fails (the broker refusing while the
 * connection drops) is retried until acknowledged: the load is what a reliable device would send.
 */
final class CommunityLoad implements AutoCloseable {

    /**
     * Seconds between two deposits at the bin, in the bin's own time: four a minute, under the credits service's
     * limit per bin (more than six in a minute is flagged as an anomaly and not credited).
     */
    private static final long DEPOSIT_SPACING_SECONDS = 15;

    private final String community;
    private final int meters;
    private final String brokerUrl;
    private MqttTestClient device;
    private final Instant start;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger readings = new AtomicInteger();
    private final AtomicInteger deposits = new AtomicInteger();
    private Thread thread;

    CommunityLoad(String brokerUrl, String community, int meters) {
        this.community = community;
        this.meters = meters;
        this.brokerUrl = brokerUrl;
        // Device timestamps start a day back, a minute apart per meter: far more readings than minutes of test.
        this.start = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
    }

    /** What the load's devices are: one building of households with a meter each, and a bin at a drop point. */
    Inventory inventory() {
        List<Inventory.Place> places = new ArrayList<>();
        List<Inventory.Device> devices = new ArrayList<>();
        places.add(new Inventory.Place(PlaceKind.BUILDING, "b1", "Building 1", null, null));
        places.add(new Inventory.Place(PlaceKind.DROP_POINT, "dp1", "Drop point 1", null, null));
        for (int meter = 0; meter < meters; meter++) {
            places.add(new Inventory.Place(PlaceKind.HOUSEHOLD, "h-" + meter, "Unit " + meter, "b1", 2));
            devices.add(new Inventory.Device("em-" + meter, DeviceType.ELECTRICITY_METER, "test meter", PlaceKind.HOUSEHOLD,
                    "h-" + meter, "meter box"));
        }
        devices.add(new Inventory.Device("bin-1", DeviceType.WASTE_BIN, "test bin", PlaceKind.DROP_POINT, "dp1", "dp1"));
        return new Inventory(community, places, devices);
    }

    /** Connects as the community's gateway account (the community must be registered for it to exist). */
    CommunityLoad connect(Registration.MqttAccount gateway) {
        device = new MqttTestClient(brokerUrl, gateway.username(), gateway.password(), gateway.username() + "/load");
        return this;
    }

    /** Publishes about {@code perSecond} readings a second until {@link #stop()}. */
    CommunityLoad start(int perSecond) {
        running.set(true);
        thread = new Thread(() -> {
            long interval = Duration.ofSeconds(1).toNanos() / perSecond;
            long next = System.nanoTime();
            int i = 0;
            while (running.get()) {
                int meter = i % meters;
                int minute = i / meters;
                Instant at = start.plus(minute, ChronoUnit.MINUTES);
                BigDecimal register = new BigDecimal("1000.0").add(new BigDecimal("0.1").multiply(BigDecimal.valueOf(minute)));
                publish("cc/" + community + "/electricity-meter/em-" + meter + "/reading", "{\"dateObserved\":\"" + at
                        + "\",\"householdId\":\"h-" + meter + "\",\"totalActiveEnergyImport\":" + register + "}");
                readings.incrementAndGet();
                if (i % 10 == 0) {
                    int deposit = deposits.getAndIncrement();
                    publish("cc/" + community + "/waste-bin/bin-1/deposit", "{\"dateObserved\":\"" + start.plusSeconds(DEPOSIT_SPACING_SECONDS * deposit)
                            + "\",\"householdId\":\"h-" + deposit % meters + "\",\"wasteKind\":\"PERISHABLE\",\"weight\":0.5,\"correctlySorted\":true}");
                }
                i++;
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }, "community-load-" + community);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void publish(String topic, String payload) {
        while (true) {
            try {
                device.publish(topic, payload);
                return;
            }
            catch (IllegalStateException e) {
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // the same message again, as a device would
            }
        }
    }

    void stop() {
        running.set(false);
        if (thread != null) {
            try {
                thread.join(Duration.ofMinutes(2).toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    String community() {
        return community;
    }

    int meters() {
        return meters;
    }

    /** Readings the broker acknowledged. */
    int readings() {
        return readings.get();
    }

    /** Deposits the broker acknowledged, each 0.5 kg correctly sorted: 100 g CO2e, 100 credits. */
    int deposits() {
        return deposits.get();
    }

    @Override
    public void close() {
        stop();
        device.close();
    }
}
