package org.communitycarbon.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.communitycarbon.model.device.DeviceMessage;
import org.communitycarbon.model.device.DeviceTopic;
import org.communitycarbon.model.device.MeterReadingMessage;
import org.communitycarbon.model.sensing.MeterType;
import org.communitycarbon.simulator.community.Community;
import org.communitycarbon.simulator.community.CommunitySpec;
import org.communitycarbon.simulator.community.PlannedOutage;
import org.communitycarbon.simulator.community.SimulatedDevice;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * A device's turn with faults: outages and silences keep a device quiet without stopping its world, glitches break
 * a share of the messages. Drives the devices through simulated time without threads or MQTT, stamping each message
 * with its simulated instant so that two runs can be compared message by message.
 */
class DeviceReporterTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant START = LocalDateTime.parse("2026-03-10T00:00").atZone(SHANGHAI).toInstant();

    /** 2 buildings of 4 households: 24 household meters, 2 PV and 2 public meters, 4 environment sensors, 12 bins. */
    private static final CommunitySpec SMALL = CommunitySpec.builder().buildings(2).householdsPerBuilding(4).build();

    private record Sent(Instant simulatedAt, DeviceTopic topic, String payload) {

        byte[] bytes() {
            return payload.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** One run: what was sent and what the faults did. */
    private static final class Run {

        final List<Sent> sent = new ArrayList<>();
        final PublishCounters counters = new PublishCounters();
        final FaultCounters faults = new FaultCounters();
        private Instant now = START;

        /** Every device reports once per simulated minute, at its phase, from {@code from} for {@code length}. */
        Run drive(Community community, Silences silences, Glitches glitches, Instant from, Duration length)
                throws InterruptedException {
            DeviceReporter reporter = new DeviceReporter(silences, glitches, (topic, payload, acknowledged) -> {
                sent.add(new Sent(now, DeviceTopic.parse(topic), new String(payload, StandardCharsets.UTF_8)));
                acknowledged.acknowledged();
            }, counters, faults);
            for (Instant minute = from; minute.isBefore(from.plus(length)); minute = minute.plus(Duration.ofMinutes(1))) {
                for (SimulatedDevice device : community.devices()) {
                    now = minute.plusMillis(Math.round(device.phase() * 60_000));
                    reporter.report(device, now, now);
                }
            }
            return this;
        }
    }

    @Test
    void plannedOutagesSilenceTheirDevicesForTheirMinutesAndTheyResumeAsIfNothingHappened() throws Exception {
        Community faulty = Community.create(SMALL.toBuilder().outageShare(0.25).outageMinutes(30).build(), START);
        Community twin = Community.create(SMALL, START);
        List<PlannedOutage> outages = faulty.plannedOutages();
        Duration length = Duration.ofHours(26);

        Run withOutages = new Run().drive(faulty, new Silences(outages), Glitches.none(), START, length);
        Run without = new Run().drive(twin, Silences.none(), Glitches.none(), START, length);

        assertThat(faulty.devices()).hasSize(55);
        assertThat(outages).hasSize(14);
        // What a device sends outside its outage is exactly what it would have sent had it never lost power: its
        // registers, bins and battery went on meanwhile, so the first reading afterwards includes the outage.
        List<Sent> expected = without.sent.stream().filter(sent -> !inOutage(sent, outages)).toList();
        assertThat(withOutages.sent).isEqualTo(expected);
        for (PlannedOutage outage : outages) {
            List<Sent> missed = without.sent.stream()
                    .filter(sent -> sent.topic().deviceId().equals(outage.deviceId()) && outage.covers(sent.simulatedAt()))
                    .filter(sent -> sent.topic().message() != DeviceMessage.DEPOSIT)
                    .toList();
            assertThat(missed).as("turns of %s missed", outage.deviceId()).hasSize(30);
            assertThat(withOutages.sent).filteredOn(sent -> sent.topic().deviceId().equals(outage.deviceId()))
                    .anySatisfy(sent -> assertThat(sent.simulatedAt()).isAfterOrEqualTo(outage.until()));
        }
        assertThat(withOutages.faults.silencedDevices()).isEqualTo(14);
        assertThat(withOutages.faults.silentDevices()).isZero();
        assertThat(withOutages.faults.withheld()).isEqualTo(without.sent.size() - withOutages.sent.size());
        assertThat(withOutages.counters.total()).isEqualTo(withOutages.sent.size());
    }

    @Test
    void aMeterResumesWithARegisterThatCountsTheOutage() throws Exception {
        Community faulty = Community.create(SMALL.toBuilder().outageShare(1).outageMinutes(120).build(), START);
        PlannedOutage outage = faulty.plannedOutages().stream().filter(o -> o.deviceId().startsWith("em-b")).findFirst()
                .orElseThrow();

        Run run = new Run().drive(faulty, new Silences(faulty.plannedOutages()), Glitches.none(), START, Duration.ofHours(26));

        List<Sent> readings = run.sent.stream().filter(sent -> sent.topic().deviceId().equals(outage.deviceId())).toList();
        Sent lastBefore = readings.stream().filter(sent -> sent.simulatedAt().isBefore(outage.from())).reduce((a, b) -> b)
                .orElseThrow();
        Sent firstAfter = readings.stream().filter(sent -> !sent.simulatedAt().isBefore(outage.until())).findFirst().orElseThrow();
        assertThat(Duration.between(lastBefore.simulatedAt(), firstAfter.simulatedAt())).isEqualTo(Duration.ofMinutes(121));
        // two hours of a household's electricity, whenever in the day: more than a few watt-hours
        assertThat(register(firstAfter).subtract(register(lastBefore))).isGreaterThan(new BigDecimal("0.01"));
        assertThat(readings).extracting(DeviceReporterTest::register).isSortedAccordingTo(BigDecimal::compareTo);
    }

    @Test
    void aSilencedDeviceSendsNothingUntilItsRealTimeIsUp() throws Exception {
        Community community = Community.create(SMALL, START);
        Silences silences = Silences.none();
        Instant until = START.plus(Duration.ofMinutes(10));
        silences.silence(List.of("em-b01-0101", "bin-dp1-residual"), until);
        silences.silence(List.of("em-b01-0101"), START.plus(Duration.ofMinutes(5)));

        Run run = new Run().drive(community, silences, Glitches.none(), START, Duration.ofMinutes(20));

        for (String deviceId : List.of("em-b01-0101", "bin-dp1-residual")) {
            List<Sent> sent = run.sent.stream().filter(s -> s.topic().deviceId().equals(deviceId)).toList();
            assertThat(sent).hasSize(10).allSatisfy(s -> assertThat(s.simulatedAt()).isAfterOrEqualTo(until));
        }
        assertThat(run.sent).filteredOn(s -> s.topic().deviceId().equals("wm-b01-0101")).hasSize(20);
        assertThat(run.faults.silencedDevices()).isEqualTo(2);
        assertThat(run.faults.withheld()).isEqualTo(2 * 10);
    }

    @Test
    void glitchesBreakAboutTheirShareOfMessagesInEveryWayAndTheSameOnesEachRun() throws Exception {
        Community faulty = Community.create(SMALL, START);
        Community twin = Community.create(SMALL, START);
        Community again = Community.create(SMALL, START);
        Duration length = Duration.ofHours(8);

        Run broken = new Run().drive(faulty, Silences.none(), new Glitches(42, 0.05), START, length);
        Run intact = new Run().drive(twin, Silences.none(), Glitches.none(), START, length);
        Run repeated = new Run().drive(again, Silences.none(), new Glitches(42, 0.05), START, length);

        assertThat(broken.sent).hasSameSizeAs(intact.sent).hasSizeGreaterThan(20_000);
        assertThat(repeated.sent).isEqualTo(broken.sent);
        Set<String> ways = new HashSet<>();
        int differing = 0;
        for (int i = 0; i < broken.sent.size(); i++) {
            Sent sent = broken.sent.get(i);
            if (sent.equals(intact.sent.get(i))) {
                assertThat(DeviceContract.accepts(sent.topic(), sent.bytes())).as(sent.payload()).isTrue();
            }
            else {
                differing++;
                assertThat(DeviceContract.accepts(sent.topic(), sent.bytes())).as(sent.payload()).isFalse();
                ways.add(way(sent));
            }
        }
        assertThat(broken.faults.glitched()).isEqualTo(differing);
        assertThat((double) differing / broken.sent.size()).isCloseTo(0.05, within(0.006));
        assertThat(ways).containsExactlyInAnyOrder("truncated", "no dateObserved", "not a number", "negative register");
        assertThat(broken.counters.total()).isEqualTo(broken.sent.size());
        Set<DeviceMessage> brokenKinds = EnumSet.noneOf(DeviceMessage.class);
        for (int i = 0; i < broken.sent.size(); i++) {
            if (!broken.sent.get(i).equals(intact.sent.get(i))) {
                brokenKinds.add(broken.sent.get(i).topic().message());
            }
        }
        // meters' and sensors' readings and bins' statuses; the few deposits of a morning may all come through intact
        assertThat(brokenKinds).contains(DeviceMessage.READING, DeviceMessage.STATUS);
    }

    @Test
    void withoutAGlitchRateNothingBreaks() throws Exception {
        Run run = new Run().drive(Community.create(SMALL, START), Silences.none(), new Glitches(42, 0), START, Duration.ofMinutes(30));

        assertThat(run.sent).allSatisfy(sent -> assertThat(DeviceContract.accepts(sent.topic(), sent.bytes())).isTrue());
        assertThat(run.faults.glitched()).isZero();
        assertThat(run.sent.stream().map(sent -> sent.topic().deviceId()).collect(Collectors.toSet())).hasSize(55);
    }

    private static boolean inOutage(Sent sent, List<PlannedOutage> outages) {
        return outages.stream().anyMatch(outage -> outage.deviceId().equals(sent.topic().deviceId()) && outage.covers(sent.simulatedAt()));
    }

    private static BigDecimal register(Sent reading) {
        MeterReadingMessage message = (MeterReadingMessage) DeviceContract.read(reading.topic(), reading.bytes());
        return message.register(MeterType.ELECTRICITY);
    }

    /** How a broken message is broken. */
    private static String way(Sent sent) {
        JsonNode json;
        try {
            json = DevicePayloads.mapper().readTree(sent.payload());
        }
        catch (RuntimeException e) {
            return "truncated";
        }
        if (!json.has("dateObserved")) {
            return "no dateObserved";
        }
        if (sent.payload().contains("\"" + Glitch.NOT_A_NUMBER_TEXT + "\"")) {
            return "not a number";
        }
        return json.properties().stream().anyMatch(property -> property.getValue().isNumber()
                && property.getValue().decimalValue().signum() < 0) ? "negative register" : "unknown";
    }
}
