package org.communitycarbon.accounting.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.accounting.AccountingServiceTest;
import org.communitycarbon.accounting.Events;
import org.communitycarbon.accounting.consumption.ConsumptionRecorder;
import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.model.registry.CommunityChanged;
import org.communitycarbon.model.registry.CommunityType;
import org.communitycarbon.model.registry.DeviceChanged;
import org.communitycarbon.model.registry.DeviceStatus;
import org.communitycarbon.model.registry.PlaceChanged;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * A household's baseline is recomputed, and the recomputation recorded, when the registry changes its members (the median
 * per member of its community type × its members) or replaces its electricity meter (the month it was replaced in no
 * longer settles a saving: the readings lost between the two meters would look like one, and the new meter's register
 * starting from 0 is no spike). October 2024, Asia/Shanghai.
 */
@AccountingServiceTest
class BaselineRecomputationIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final YearMonth OCTOBER = YearMonth.of(2024, 10);

    @Autowired
    ConsumptionRecorder readings;

    @Autowired
    SavingsSettlement settlement;

    @Autowired
    FactorCatalog catalog;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvcTester mvc;

    private final String community = "br-" + UUID.randomUUID().toString().substring(0, 8);
    private final String manager = TestTokens.bearer(TestTokens.propertyManager(community));

    @Test
    void aChangeOfMembersRecomputesTheBaselineFromTheMedianPerMember() throws Exception {
        registerCommunity(CommunityType.OLDER); // the only community of its type with October 2024
        List<MeterReadingReceived> batch = new ArrayList<>();
        // five one-member households at 2 to 6 kWh a day, and b02-0101 with two members at 5: per member a day 2, 2.5, 3, 4,
        // 5, 6 (median 3.5); with three members 1.67, 2, 3, 4, 5, 6 (median 3.5 still)
        List<PlaceChanged> places = new ArrayList<>();
        for (int i = 2; i <= 6; i++) {
            places.add(place("b01-010" + i, 1, 1));
            daily(batch, "b01-010" + i, "m-" + i, "100", OCTOBER, 1, 31, String.valueOf(i));
        }
        places.add(place("b02-0101", 2, 1));
        daily(batch, "b02-0101", "m-x", "100", OCTOBER, 1, 31, "5");
        places(places);
        readings.record(batch);

        // the members change on 20 October: revision 2
        PlaceChanged moreMembers = new PlaceChanged(PlaceChanged.eventIdOf(community, PlaceKind.HOUSEHOLD, "b02-0101", 2), 1,
                community, at(OCTOBER.atDay(20)), 2, PlaceKind.HOUSEHOLD, "b02-0101", "b02-0101", "b02", 3, null);
        send(RegistryTopics.PLACES, RegistryTopics.placeKey(community, PlaceKind.HOUSEHOLD, "b02-0101"), moreMembers);
        send(RegistryTopics.PLACES, RegistryTopics.placeKey(community, PlaceKind.HOUSEHOLD, "b02-0101"), moreMembers); // again
        await().atMost(Duration.ofSeconds(20)).until(() -> recomputations("b02-0101").size() == 2);

        // October: 3.5 kWh per member a day x 2 x 31 = 217, now x 3 = 325.5; and the running month, without data
        assertThat(recomputations("b02-0101")).first().isEqualTo(
                "2024-10 MEMBERS_CHANGED 2024-10-20 members 2 -> 3 217.000 COMMUNITY_TYPE_MEDIAN 325.500 COMMUNITY_TYPE_MEDIAN");
        assertThat(recomputations("b02-0101").get(1)).startsWith(YearMonth.now(SHANGHAI) + " MEMBERS_CHANGED 2024-10-20");
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/households/b02-0101/baseline?month=2024-10", community)
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.baseline.value", v -> v.assertThat().isEqualTo(325.5))
                .hasPathSatisfying("$.recomputations.length()", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.recomputations[0].reason", v -> v.assertThat().isEqualTo("MEMBERS_CHANGED"))
                .hasPathSatisfying("$.recomputations[0].detail", v -> v.assertThat().isEqualTo("members 2 -> 3"))
                .hasPathSatisfying("$.recomputations[0].oldBaseline.value", v -> v.assertThat().isEqualTo(217.0))
                .hasPathSatisfying("$.recomputations[0].newBaseline.value", v -> v.assertThat().isEqualTo(325.5));
    }

    @Test
    void aReplacedMeterNeitherSavesNorSpikes() throws Exception {
        registerCommunity(CommunityType.NEW_COMMERCIAL);
        places(List.of(place("b03-0101", 2, 1)));
        List<MeterReadingReceived> batch = new ArrayList<>();
        // October 2023 at 10 kWh a day: the baseline is 310
        daily(batch, "b03-0101", "m-old", "1000", YearMonth.of(2023, 10), 1, 31, "10");
        // October 2024: the old meter to the 14th at noon, the new one from 0 on the 16th at noon: 15th and 16th unread
        daily(batch, "b03-0101", "m-old", "5000", OCTOBER, 1, 14, "10");
        batch.add(Events.electricity(community, "b03-0101", "m-new", at(OCTOBER.atDay(16)), "5"));
        BigDecimal register = new BigDecimal("5");
        for (int day = 17; day <= 31; day++) {
            register = register.add(BigDecimal.TEN);
            batch.add(Events.electricity(community, "b03-0101", "m-new", at(OCTOBER.atDay(day)), register.toPlainString()));
        }
        readings.record(batch);
        // 290 kWh counted, no spike from the new register; unaware of the replacement, it would look like 20 kWh saved
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/households/b03-0101/baseline?month=2024-10", community)
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.actual.value", v -> v.assertThat().isEqualTo(290.0))
                .hasPathSatisfying("$.outcome", v -> v.assertThat().isEqualTo("SAVED"));

        DeviceChanged replaced = new DeviceChanged(DeviceChanged.eventIdOf(community, "m-new", 1), 1, community,
                at(OCTOBER.atDay(16)), 1, "m-new", "electricity-meter", "DDS-666", null, PlaceKind.HOUSEHOLD, "b03-0101",
                DeviceStatus.ACTIVE, OCTOBER.atDay(16), null, "m-old");
        send(RegistryTopics.DEVICES, community + "/m-new", replaced);
        send(RegistryTopics.DEVICES, community + "/m-new", replaced); // delivered again: recomputed once
        await().atMost(Duration.ofSeconds(20)).until(() -> recomputations("b03-0101").size() == 2);
        assertThat(recomputations("b03-0101")).first().isEqualTo(
                "2024-10 METER_REPLACED 2024-10-16 meter m-old replaced by m-new 310.000 SAME_MONTH_LAST_YEAR 310.000 SAME_MONTH_LAST_YEAR");

        assertThat(mvc.get().uri("/api/accounting/communities/{c}/households/b03-0101/baseline?month=2024-10", community)
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.actual.value", v -> v.assertThat().isEqualTo(290.0))
                .hasPathSatisfying("$.flaggedReadings", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.outcome", v -> v.assertThat().isEqualTo("FLAGGED_READINGS"))
                .hasPathSatisfying("$.recomputations[0].reason", v -> v.assertThat().isEqualTo("METER_REPLACED"));
        settlement.settle(community, OCTOBER);
        assertThat(jdbc.queryForObject("""
                SELECT outcome || ' ' || saving_kwh FROM electricity_settlement WHERE community_id = ? AND household_id = 'b03-0101'""",
                String.class, community)).isEqualTo("FLAGGED_READINGS 0.000");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM carbon_reduction WHERE community_id = ?", Integer.class, community))
                .as("no saving credited").isZero();
    }

    private void registerCommunity(CommunityType type) throws Exception {
        send(RegistryTopics.COMMUNITIES, community, new CommunityChanged(CommunityChanged.eventIdOf(community, 1), 1, community,
                Instant.now(), 1, "Court", type, "central-china", "Asia/Shanghai"));
        await().atMost(Duration.ofSeconds(20)).until(() -> catalog.typeOf(community).isPresent());
    }

    private void places(List<PlaceChanged> places) throws Exception {
        for (PlaceChanged place : places) {
            send(RegistryTopics.PLACES, RegistryTopics.placeKey(community, place.kind(), place.placeId()), place);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("SELECT count(*) FROM place WHERE community_id = ?",
                Integer.class, community) == places.size());
    }

    private PlaceChanged place(String id, int members, long revision) {
        return new PlaceChanged(PlaceChanged.eventIdOf(community, PlaceKind.HOUSEHOLD, id, revision), 1, community,
                at(OCTOBER.atDay(1).minusMonths(13)), revision, PlaceKind.HOUSEHOLD, id, id, id.substring(0, 3), members, null);
    }

    private void send(String topic, String key, Object event) throws Exception {
        kafka.send(topic, key, codec.encode(event)).get();
    }

    /** A reading at noon of the day before the first, then one a day at noon from {@code first} to {@code last}. */
    private void daily(List<MeterReadingReceived> batch, String household, String device, String start, YearMonth month, int first,
            int last, String kwhPerDay) {
        BigDecimal register = new BigDecimal(start);
        batch.add(Events.electricity(community, household, device, at(month.atDay(first).minusDays(1)), register.toPlainString()));
        for (int day = first; day <= last; day++) {
            register = register.add(new BigDecimal(kwhPerDay));
            batch.add(Events.electricity(community, household, device, at(month.atDay(day)), register.toPlainString()));
        }
    }

    private List<String> recomputations(String household) {
        return jdbc.queryForList("""
                SELECT to_char(month, 'YYYY-MM') || ' ' || reason || ' ' || changed_on || ' ' || detail || ' '
                       || coalesce(old_baseline_kwh::text, '-') || ' ' || coalesce(old_source, '-') || ' '
                       || coalesce(new_baseline_kwh::text, '-') || ' ' || coalesce(new_source, '-')
                FROM baseline_recomputation WHERE community_id = ? AND household_id = ? ORDER BY month""",
                String.class, community, household);
    }

    private static Instant at(LocalDate day) {
        return day.atTime(LocalTime.NOON).atZone(SHANGHAI).toInstant();
    }
}
