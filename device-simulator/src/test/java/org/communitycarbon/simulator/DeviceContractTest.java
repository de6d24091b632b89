package org.communitycarbon.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.communitycarbon.model.device.BinStatusMessage;
import org.communitycarbon.model.device.DeviceMessage;
import org.communitycarbon.model.device.DeviceTopic;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.device.EnvironmentMessage;
import org.communitycarbon.model.device.MeterReadingMessage;
import org.communitycarbon.model.device.WasteDepositMessage;
import org.communitycarbon.model.sensing.MeterType;
import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.simulator.community.Community;
import org.communitycarbon.simulator.community.CommunitySpec;
import org.communitycarbon.simulator.community.Publication;
import org.communitycarbon.simulator.community.SimulatedDevice;
import org.junit.jupiter.api.Test;

/**
 * Keeps the simulator honest to the device API: every topic it publishes parses with
 * {@link DeviceTopic#parse} and every payload reads back, with a plain Jackson 3 mapper as the services
 * use, into its common-model record without a contract violation (see {@link DeviceContract}) — except the
 * messages it breaks on purpose, which must not.
 */
class DeviceContractTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void everyMessageOfTheReferenceCommunityParsesIntoItsContract() {
        Instant start = LocalDateTime.parse("2026-03-10T18:20").atZone(SHANGHAI).toInstant();
        Community community = Community.create(CommunitySpec.defaults(), start);

        List<Publication> published = runMinutes(community, start, 8);

        assertThat(published).hasSizeGreaterThan(8 * 1_205);
        Set<DeviceType> types = EnumSet.noneOf(DeviceType.class);
        Set<DeviceMessage> messages = EnumSet.noneOf(DeviceMessage.class);
        for (Publication publication : published) {
            DeviceTopic topic = DeviceTopic.parse(publication.topic().path());
            assertThat(topic).isEqualTo(publication.topic());
            assertThat(topic.communityId()).isEqualTo("maple-court");
            readBack(topic, DevicePayloads.write(publication.payload()), publication.payload());
            types.add(topic.deviceType());
            messages.add(topic.message());
        }
        // a recycling scale weighs pickups' goods when a collector uses it; the simulator books no pickups
        assertThat(types).containsExactlyInAnyOrderElementsOf(EnumSet.complementOf(EnumSet.of(DeviceType.RECYCLING_SCALE)));
        // acknowledgements answer commands; they are not reports (LightingCircuitTest)
        assertThat(messages).containsExactlyInAnyOrder(DeviceMessage.READING, DeviceMessage.DEPOSIT, DeviceMessage.STATUS);
    }

    @Test
    void aWholeDayOfASmallCommunityParsesIntoItsContract() {
        Instant start = LocalDateTime.parse("2026-03-10T00:00").atZone(SHANGHAI).toInstant();
        Community community = Community.create(CommunitySpec.builder().buildings(2).householdsPerBuilding(12).build(), start);

        List<Publication> published = runMinutes(community, start, 24 * 60);

        Set<WasteKind> deposited = EnumSet.noneOf(WasteKind.class);
        for (Publication publication : published) {
            Object read = readBack(DeviceTopic.parse(publication.topic().path()), DevicePayloads.write(publication.payload()),
                    publication.payload());
            if (read instanceof WasteDepositMessage deposit) {
                deposited.add(deposit.wasteKind());
            }
        }
        assertThat(deposited).contains(WasteKind.PERISHABLE, WasteKind.RESIDUAL, WasteKind.RECYCLABLE);
    }

    @Test
    void payloadsCarryOnlyTheAttributesOfTheirDevice() {
        Instant at = Instant.parse("2026-03-10T10:00:00Z");
        String electricity = json(MeterReadingMessage.of(MeterType.ELECTRICITY, at, "b01-0101", null, new java.math.BigDecimal("12345.678")));

        assertThat(electricity).isEqualTo(
                "{\"dateObserved\":\"2026-03-10T10:00:00Z\",\"householdId\":\"b01-0101\",\"totalActiveEnergyImport\":12345.678}");
        assertThat(json(new EnvironmentMessage(at, "plaza", null, null, null, null, new java.math.BigDecimal("61.5"))))
                .isEqualTo("{\"dateObserved\":\"2026-03-10T10:00:00Z\",\"areaId\":\"plaza\",\"LAeq\":61.5}");
    }

    @Test
    void batteriesCarryTheirLevelEvenWhenEmpty() {
        Instant start = LocalDateTime.parse("2026-03-10T18:20").atZone(SHANGHAI).toInstant();
        Community community = Community.create(CommunitySpec.builder().buildings(2).householdsPerBuilding(12)
                .lowBatteryShare(1).build(), start);

        List<Publication> fresh = runMinutes(community, start, 2);
        List<Publication> twoMonthsLater = runMinutes(community, start.plus(Duration.ofDays(60)), 2);

        for (List<Publication> published : List.of(fresh, twoMonthsLater)) {
            for (Publication publication : published) {
                readBack(publication.topic(), DevicePayloads.write(publication.payload()), publication.payload());
            }
        }
        assertThat(twoMonthsLater).filteredOn(publication -> publication.payload() instanceof BinStatusMessage)
                .isNotEmpty()
                .allSatisfy(status -> assertThat(json(status.payload())).contains("\"batteryLevel\":0.000"));
    }

    @Test
    void everyGlitchBreaksTheContractOfEveryKindOfMessage() {
        Instant start = LocalDateTime.parse("2026-03-10T18:20").atZone(SHANGHAI).toInstant();
        Community community = Community.create(CommunitySpec.defaults(), start);
        List<Publication> published = runMinutes(community, start, 3);
        SplittableRandom random = new SplittableRandom(7);

        Set<String> kinds = new HashSet<>();
        for (Publication publication : published) {
            DeviceTopic topic = publication.topic();
            byte[] json = DevicePayloads.write(publication.payload());
            assertThat(DeviceContract.accepts(topic, json)).isTrue();
            for (Glitch glitch : Glitch.possibleFor(topic)) {
                byte[] broken = glitch.apply(topic, json, random);
                assertThat(DeviceContract.accepts(topic, broken))
                        .as("%s of %s: %s", glitch, topic.path(), new String(broken, StandardCharsets.UTF_8)).isFalse();
            }
            if (kinds.add(topic.deviceType() + "/" + topic.message())) {
                // however the firmware cuts it off
                for (int length = 1; length < json.length; length++) {
                    assertThat(DeviceContract.accepts(topic, Arrays.copyOf(json, length))).isFalse();
                }
            }
        }
        assertThat(kinds).as("every simulated device type's messages (a bin has two; no scale)").hasSize(DeviceType.values().length);
        assertThat(Glitch.possibleFor(new DeviceTopic("maple-court", DeviceType.GAS_METER, "gm-b01-0101", DeviceMessage.READING)))
                .containsExactlyInAnyOrder(Glitch.values());
        assertThat(Glitch.possibleFor(new DeviceTopic("maple-court", DeviceType.WASTE_BIN, "bin-dp1-residual", DeviceMessage.STATUS)))
                .doesNotContain(Glitch.NEGATIVE_REGISTER);
    }

    private static String json(Record payload) {
        return new String(DevicePayloads.write(payload), StandardCharsets.UTF_8);
    }

    private static Object readBack(DeviceTopic topic, byte[] json, Record original) {
        Object read = DeviceContract.read(topic, json);
        assertThat(read).as(new String(json, StandardCharsets.UTF_8)).isEqualTo(original);
        assertThat(new String(json, StandardCharsets.UTF_8)).doesNotContain("null");
        if (read instanceof MeterReadingMessage reading) {
            MeterType meterType = topic.deviceType().meterType();
            assertThat(meterType).isNotNull();
            assertThat(reading.register(meterType)).isNotNegative();
        }
        // Battery-powered devices say how charged they are; mains-powered ones do not.
        if (read instanceof BinStatusMessage status) {
            assertThat(status.batteryLevel()).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
        }
        if (read instanceof EnvironmentMessage reading) {
            assertThat(reading.batteryLevel()).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
        }
        if (read instanceof MeterReadingMessage || read instanceof WasteDepositMessage) {
            assertThat(new String(json, StandardCharsets.UTF_8)).doesNotContain("batteryLevel");
        }
        return read;
    }

    /** Every device reports once per simulated minute, at its phase. */
    private static List<Publication> runMinutes(Community community, Instant start, int minutes) {
        List<Publication> published = new ArrayList<>();
        for (int minute = 0; minute < minutes; minute++) {
            for (SimulatedDevice device : community.devices()) {
                Instant at = start.plus(Duration.ofMinutes(minute)).plusMillis(Math.round(device.phase() * 60_000));
                device.report(at, at, published);
            }
        }
        return published;
    }
}
