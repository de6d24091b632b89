package org.communitycarbon.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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

import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the simulator honest to the device API: every topic it publishes parses with
 * {@link DeviceTopic#parse} and every payload reads back, with a plain Jackson 3 mapper as the services
 * use, into its common-model record without a contract violation.
 */
class DeviceContractTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** What a receiving service uses: a plain mapper, no configuration. */
    private final JsonMapper plain = JsonMapper.builder().build();

    @Test
    void everyMessageOfTheReferenceCommunityParsesIntoItsContract() {
        Instant start = LocalDateTime.parse("2026-03-10T18:20").atZone(SHANGHAI).toInstant();
        Community community = Community.create(CommunitySpec.defaults(), start);

        List<Publication> published = runMinutes(community, start, 8);

        assertThat(published).hasSizeGreaterThan(8 * 1_184);
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
        assertThat(types).containsExactlyInAnyOrder(DeviceType.values());
        assertThat(messages).containsExactlyInAnyOrder(DeviceMessage.values());
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

    private static String json(Record payload) {
        return new String(DevicePayloads.write(payload), StandardCharsets.UTF_8);
    }

    private Object readBack(DeviceTopic topic, byte[] json, Record original) {
        Class<?> type = switch (topic.message()) {
            case READING -> topic.deviceType() == DeviceType.ENVIRONMENT_SENSOR ? EnvironmentMessage.class : MeterReadingMessage.class;
            case DEPOSIT -> WasteDepositMessage.class;
            case STATUS -> BinStatusMessage.class;
        };
        Object read = plain.readValue(json, type);
        assertThat(read).as(new String(json, StandardCharsets.UTF_8)).isEqualTo(original);
        assertThat(new String(json, StandardCharsets.UTF_8)).doesNotContain("null");
        if (read instanceof MeterReadingMessage reading) {
            MeterType meterType = topic.deviceType().meterType();
            assertThat(meterType).isNotNull();
            assertThat(reading.register(meterType)).isNotNegative();
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
