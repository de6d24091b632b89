package org.communitycarbon.accounting.portrait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.accounting.AccountingServiceTest;
import org.communitycarbon.accounting.Events;
import org.communitycarbon.accounting.consumption.ConsumptionRecorder;
import org.communitycarbon.accounting.reduction.ReductionRecorder;
import org.communitycarbon.model.registry.PlaceChanged;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Buildings ranked within a community, a resident's household among anonymised neighbours, communities within a
 * street: the registry's households and members from {@code sensing.places}, a month of readings and deposits.
 */
@AccountingServiceTest
class RankingIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    ConsumptionRecorder readings;

    @Autowired
    ReductionRecorder deposits;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvcTester mvc;

    private final String community = "k-" + UUID.randomUUID().toString().substring(0, 8);
    private final YearMonth month = YearMonth.now(SHANGHAI).minusMonths(1);

    /**
     * Building b01: households of 2 and 3 members using 10 and 20 kWh; b02: 1, 4 and 2 members using 5, 40 and 8 kWh,
     * the one-member household sorting 5 kg of perishable waste; a household the registry does not know uses 7 kWh.
     */
    private void aMonthOfTwoBuildings() throws Exception {
        List<PlaceChanged> places = List.of(place(PlaceKind.BUILDING, "b01", "Building 1", null, null),
                place(PlaceKind.BUILDING, "b02", "Building 2", null, null),
                place(PlaceKind.HOUSEHOLD, "b01-0101", "1-0101", "b01", 2), place(PlaceKind.HOUSEHOLD, "b01-0102", "1-0102", "b01", 3),
                place(PlaceKind.HOUSEHOLD, "b02-0101", "2-0101", "b02", 1), place(PlaceKind.HOUSEHOLD, "b02-0102", "2-0102", "b02", 4),
                place(PlaceKind.HOUSEHOLD, "b02-0103", "2-0103", "b02", 2));
        for (PlaceChanged place : places) {
            kafka.send(RegistryTopics.PLACES, RegistryTopics.placeKey(community, place.kind(), place.placeId()), codec.encode(place)).get();
            kafka.send(RegistryTopics.PLACES, RegistryTopics.placeKey(community, place.kind(), place.placeId()), codec.encode(place)).get();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("SELECT count(*) FROM place WHERE community_id = ?",
                Integer.class, community) == places.size());
        Instant morning = month.atDay(10).atTime(8, 0).atZone(SHANGHAI).toInstant();
        Instant noon = morning.plus(Duration.ofHours(4));
        List<MeterReadingReceived> batch = new ArrayList<>();
        String[][] uses = {{"b01-0101", "10"}, {"b01-0102", "20"}, {"b02-0101", "5"}, {"b02-0102", "40"}, {"b02-0103", "8"},
                {"b09-0101", "7"}};
        for (String[] use : uses) {
            batch.add(Events.electricity(community, use[0], "em-" + use[0], morning, "1000"));
            batch.add(Events.electricity(community, use[0], "em-" + use[0], noon, String.valueOf(1000 + Integer.parseInt(use[1]))));
        }
        readings.record(batch);
        deposits.recordDeposits(List.of(Events.deposit(community, "b02-0101", noon, WasteKind.PERISHABLE, "5", true)));
    }

    @Test
    void buildingsAreRankedByEmissionsAndReductionsPerMember() throws Exception {
        aMonthOfTwoBuildings();

        assertThat(mvc.get().uri("/api/accounting/communities/{c}/buildings/ranking?month={m}", community, month)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community))))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.householdsRanked", v -> v.assertThat().isEqualTo(5))
                .hasPathSatisfying("$.householdsUnranked", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.factorVersions", v -> v.assertThat().asArray().containsExactly("wuhan-pilot v1"))
                .hasPathSatisfying("$.buildings[0].buildingId", v -> v.assertThat().isEqualTo("b01"))
                .hasPathSatisfying("$.buildings[0].name", v -> v.assertThat().isEqualTo("Building 1"))
                .hasPathSatisfying("$.buildings[0].members", v -> v.assertThat().isEqualTo(5))
                // 30 kWh x 0.5306 = 15.918 kg over 5 members
                .hasPathSatisfying("$.buildings[0].emissions.value", v -> v.assertThat().isEqualTo(15.918))
                .hasPathSatisfying("$.buildings[0].emissionsPerMember.value", v -> v.assertThat().isEqualTo(3.184))
                .hasPathSatisfying("$.buildings[0].emissionsRank", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.buildings[0].reductionsRank", v -> v.assertThat().isEqualTo(2))
                // 53 kWh x 0.5306 = 28.122 kg over 7 members; 5 kg x 0.2 = 1 kg reduced
                .hasPathSatisfying("$.buildings[1].emissions.value", v -> v.assertThat().isEqualTo(28.122))
                .hasPathSatisfying("$.buildings[1].emissionsPerMember.value", v -> v.assertThat().isEqualTo(4.017))
                .hasPathSatisfying("$.buildings[1].reductionsPerMember.value", v -> v.assertThat().isEqualTo(0.143))
                .hasPathSatisfying("$.buildings[1].reductionsRank", v -> v.assertThat().isEqualTo(1));
    }

    @Test
    void aResidentSeesTheirRankAndOnlyAnonymisedPeers() throws Exception {
        aMonthOfTwoBuildings();

        var answer = mvc.get().uri("/api/accounting/me/ranking?month={m}", month)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(community, "b02-0101"))).exchange();
        assertThat(answer).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.ranked", v -> v.assertThat().isEqualTo(true))
                .hasPathSatisfying("$.householdsRanked", v -> v.assertThat().isEqualTo(5))
                // 5 kWh per member ties with b01-0101 behind b02-0103's 4
                .hasPathSatisfying("$.emissionsRank", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.emissionsPercentile", v -> v.assertThat().isEqualTo(50))
                .hasPathSatisfying("$.reductionsRank", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.distribution.median.value", v -> v.assertThat().isEqualTo(2.653))
                .hasPathSatisfying("$.peers.length()", v -> v.assertThat().isEqualTo(5))
                .hasPathSatisfying("$.peers[?(@.you == true)].emissionsRank", v -> v.assertThat().asArray().containsExactly(2));
        String body = answer.getResponse().getContentAsString();
        for (String other : List.of("b01-0101", "b01-0102", "b02-0102", "b02-0103", "b09-0101")) {
            assertThat(body).doesNotContain(other);
        }
        assertThat(mvc.get().uri("/api/accounting/me/ranking?month={m}", month)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(community, "b09-0101"))))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.ranked", v -> v.assertThat().isEqualTo(false))
                .hasPathSatisfying("$.peers.length()", v -> v.assertThat().isEqualTo(0));
    }

    @Test
    void aStreetOfficeSeesItsCommunitiesRanked() throws Exception {
        aMonthOfTwoBuildings();
        String quiet = "k-" + UUID.randomUUID().toString().substring(0, 8);

        assertThat(mvc.get().uri("/api/accounting/street/communities/ranking?month={m}", month)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.streetOffice("east-lake", community, quiet))))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.streetId", v -> v.assertThat().isEqualTo("east-lake"))
                .hasPathSatisfying("$.communities.length()", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.communities[0].communityId", v -> v.assertThat().isEqualTo(community))
                .hasPathSatisfying("$.communities[0].members", v -> v.assertThat().isEqualTo(12))
                .hasPathSatisfying("$.communities[0].emissionsRank", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.communities[1].emissionsPerMember", v -> v.assertThat().isNull());
    }

    @Test
    void refusesAMalformedMonthAndOtherCommunitiesPeople() {
        for (String month : List.of("2026-13", "26-01", "1999-12", "2026-011")) {
            assertThat(mvc.get().uri("/api/accounting/communities/{c}/buildings/ranking?month={m}", community, month)
                    .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community))))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("month"));
        }
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/buildings/ranking", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(community, "b01-0101"))))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/buildings/ranking", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.streetOffice("s2", "elsewhere"))))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/accounting/street/communities/ranking")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin())))
                .hasStatus(HttpStatus.BAD_REQUEST);
    }

    private PlaceChanged place(PlaceKind kind, String id, String name, String building, Integer members) {
        return new PlaceChanged(PlaceChanged.eventIdOf(community, kind, id, 1), 1, community, Instant.now(), 1, kind, id, name,
                building, members, null);
    }
}
