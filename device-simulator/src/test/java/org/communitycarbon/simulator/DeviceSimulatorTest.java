package org.communitycarbon.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.communitycarbon.model.device.DeviceTopic;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.simulator.mqtt.FakeChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The running simulator against a fake broker: cutting devices off on demand. */
@Timeout(30)
class DeviceSimulatorTest {

    /** 2 buildings of 2 households: 12 household meters, 2 PV and 2 public meters, 4 environment sensors, 12 bins. */
    private static final SimulatorOptions SMALL = SimulatorOptions.builder().communityId("test-court").speed(600)
            .buildings(2).householdsPerBuilding(2).seed(7).build();

    private record Received(String deviceId, Instant observedAt) {
    }

    private final FakeChannel broker = FakeChannel.prompt();
    private final List<String> summaries = new ArrayList<>();
    private final DeviceSimulator simulator = DeviceSimulator.builder(SMALL).channel(broker).summaries(summaries::add).build();

    @AfterEach
    void close() {
        simulator.close();
    }

    @Test
    void aSilencedBuildingPublishesNothingForItsRealTimeThenResumes() {
        simulator.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> reporting().size() == simulator.counts().devices());

        Instant before = Instant.now();
        List<String> silenced = simulator.silenceBuilding("b01", Duration.ofSeconds(1));
        Instant after = Instant.now();
        Instant until = before.plus(Duration.ofSeconds(1));

        assertThat(silenced).containsExactlyInAnyOrder("em-b01-0101", "wm-b01-0101", "gm-b01-0101", "em-b01-0201",
                "wm-b01-0201", "gm-b01-0201", "pv-b01", "env-b01", "em-supply-b01");
        // speaking again after the second, every one of them
        await().atMost(Duration.ofSeconds(10)).until(() -> received().stream()
                .filter(message -> silenced.contains(message.deviceId()) && message.observedAt().isAfter(until.plusMillis(300)))
                .map(Received::deviceId).distinct().count() == silenced.size());
        // A device stamps a message with the real time it sends it: none of the building's is from its second of
        // silence, while the other building went on.
        assertThat(received()).filteredOn(message -> silenced.contains(message.deviceId()))
                .noneSatisfy(message -> assertThat(message.observedAt()).isBetween(after, until.minusNanos(1)));
        assertThat(received()).filteredOn(message -> message.deviceId().equals("em-b02-0101"))
                .anySatisfy(message -> assertThat(message.observedAt()).isBetween(after, until));
        SimulatorCounts counts = simulator.counts();
        assertThat(counts.silencedDevices()).isEqualTo(9);
        assertThat(counts.withheld()).isGreaterThanOrEqualTo(9);
        await().atMost(Duration.ofSeconds(5)).until(() -> simulator.counts().silentDevices() == 0);
    }

    @Test
    void anyDevicesCanBeSilencedByWhatTheyAre() {
        simulator.start();

        List<String> bins = simulator.silence(device -> device.type() == DeviceType.WASTE_BIN, Duration.ofMinutes(5));
        Instant after = Instant.now();

        assertThat(bins).hasSize(12).allSatisfy(id -> assertThat(id).startsWith("bin-"));
        await().atMost(Duration.ofSeconds(5)).until(() -> simulator.counts().silentDevices() == 12);
        assertThat(received()).filteredOn(message -> !message.observedAt().isBefore(after))
                .isNotEmpty()
                .noneSatisfy(message -> assertThat(message.deviceId()).startsWith("bin-"));
        assertThat(simulator.silence(device -> false, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void silencingNeedsARunningCommunityAnExistingBuildingAndATime() {
        assertThatThrownBy(() -> simulator.silenceBuilding("b01", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class);

        simulator.start();

        assertThatThrownBy(() -> simulator.silenceBuilding("b03", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no building b03").hasMessageContaining("b01 to b02");
        assertThatThrownBy(() -> simulator.silence(device -> true, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("realDuration");
    }

    @Test
    void plannedFaultsShowInTheCounts() {
        // At speed 20000 the first simulated day, within which the outages begin, passes in under 5 real seconds.
        DeviceSimulator faulty = DeviceSimulator.builder(SMALL.toBuilder().speed(20_000).glitchRate(0.2).outageShare(0.25)
                .outageMinutes(240).build()).channel(FakeChannel.prompt()).summaries(summaries::add).build();
        try {
            faulty.start();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> faulty.counts().glitched() > 20 && faulty.counts().silencedDevices() == 11);

            SimulatorCounts counts = faulty.counts();
            assertThat(faulty.community().plannedOutages()).hasSize(11);
            assertThat(counts.glitched()).isLessThan(counts.published());
            assertThat(counts.withheld()).isPositive();
        }
        finally {
            faulty.close();
        }
    }

    /** Devices that have published, with how often. */
    private List<String> reporting() {
        return received().stream().map(Received::deviceId).distinct().toList();
    }

    /** What the fake broker acknowledged, oldest first. */
    private List<Received> received() {
        // Payloads are recorded after their topics: take them first, so that each has its topic.
        List<String> payloads = broker.acknowledged();
        List<String> topics = broker.acknowledgedTopics();
        List<Received> received = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            String observedAt = DevicePayloads.mapper().readTree(payloads.get(i)).get("dateObserved").asString();
            received.add(new Received(DeviceTopic.parse(topics.get(i)).deviceId(), Instant.parse(observedAt)));
        }
        return received;
    }
}
