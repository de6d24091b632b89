package org.communitycarbon.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import org.communitycarbon.model.device.DeviceTopic;
import org.communitycarbon.simulator.community.Community;
import org.communitycarbon.simulator.community.CommunitySpec;
import org.communitycarbon.simulator.mqtt.FakeChannel;
import org.communitycarbon.simulator.mqtt.ReliablePublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A hung publisher would block the build: fail instead. */
@Timeout(30)
class ReportLoopTest {

    @Test
    void everyDeviceReportsRightAwayThenOncePerSimulatedMinuteStampedWithRealTime() throws Exception {
        FakeChannel broker = FakeChannel.prompt();
        ReliablePublisher publisher = new ReliablePublisher(broker, 10);
        SimulationClock clock = SimulationClock.startingNow(Clock.systemUTC(), 600);
        Community community = Community.create(CommunitySpec.builder().buildings(1).householdsPerBuilding(2).build(),
                clock.simulatedStart());
        PublishCounters counters = new PublishCounters();
        FaultCounters faults = new FaultCounters();
        DeviceReporter reporter = new DeviceReporter(Silences.none(), Glitches.none(), publisher::publish, counters, faults);
        ReportLoop loop = new ReportLoop(community.devices(), clock, reporter, publisher, counters, faults, line -> { },
                "maple-court", CommunitySpec.defaults().zone());
        Thread thread = new Thread(loop, "report-loop-test");
        thread.start();

        await().atMost(Duration.ofSeconds(2)).until(() -> reportingDevices(broker).size() == community.devices().size());
        Duration firstRound = Duration.between(clock.realStart(), clock.realNow());
        await().atMost(Duration.ofSeconds(5)).until(() -> reportingDevices(broker).values().stream().allMatch(count -> count >= 5));
        loop.stop();
        thread.join(5_000);
        Instant stoppedAt = clock.realNow();
        publisher.close(Duration.ofSeconds(1));

        assertThat(thread.isAlive()).isFalse();
        assertThat(firstRound).isLessThan(Duration.ofSeconds(2));
        long periods = Duration.between(clock.realStart(), stoppedAt).toMillis() / 100;
        assertThat(reportingDevices(broker).values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(periods + 2));
        for (String payload : broker.acknowledged()) {
            Instant observed = Instant.parse(DevicePayloads.mapper().readTree(payload).get("dateObserved").asString());
            assertThat(observed).isBetween(clock.realStart(), stoppedAt);
        }
    }

    /** Status and reading messages per device; deposits are extra messages of a bin. */
    private static Map<String, Long> reportingDevices(FakeChannel broker) {
        return broker.acknowledgedTopics().stream()
                .map(DeviceTopic::parse)
                .filter(topic -> topic.message() != org.communitycarbon.model.device.DeviceMessage.DEPOSIT)
                .collect(Collectors.groupingBy(DeviceTopic::deviceId, Collectors.counting()));
    }
}
