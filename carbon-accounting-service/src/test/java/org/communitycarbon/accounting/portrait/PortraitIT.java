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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Portraits over two months: households of 2 and 3 members in building b01 and of 1 member in b02; in the first
 * month they use 10, 20 and 5 kWh, in the second 6, 20 and 5, and the first sorts 2 kg of perishable waste.
 */
@AccountingServiceTest
class PortraitIT {

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

    private final String community = "p-" + UUID.randomUUID().toString().substring(0, 8);
    private final YearMonth last = YearMonth.now(SHANGHAI).minusMonths(1);
    private final YearMonth previous = last.minusMonths(1);

    @BeforeEach
    void twoMonths() throws Exception {
        List<PlaceChanged> places = List.of(place("b01-0101", "b01", 2), place("b01-0102", "b01", 3), place("b02-0101", "b02", 1));
        for (PlaceChanged place : places) {
            kafka.send(RegistryTopics.PLACES, RegistryTopics.placeKey(community, place.kind(), place.placeId()), codec.encode(place)).get();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("SELECT count(*) FROM place WHERE community_id = ?",
                Integer.class, community) == places.size());
        List<MeterReadingReceived> batch = new ArrayList<>();
        String[][] uses = {{"b01-0101", "10", "6"}, {"b01-0102", "20", "20"}, {"b02-0101", "5", "5"}};
        for (String[] use : uses) {
            Instant a = previous.atDay(10).atTime(8, 0).atZone(SHANGHAI).toInstant();
            Instant b = a.plus(Duration.ofHours(4));
            Instant c = last.atDay(10).atTime(8, 0).atZone(SHANGHAI).toInstant();
            Instant d = c.plus(Duration.ofHours(4));
            int first = Integer.parseInt(use[1]);
            int second = Integer.parseInt(use[2]);
            batch.add(Events.electricity(community, use[0], "em-" + use[0], a, "1000"));
            batch.add(Events.electricity(community, use[0], "em-" + use[0], b, String.valueOf(1000 + first)));
            batch.add(Events.electricity(community, use[0], "em-" + use[0], c, String.valueOf(1000 + first)));
            batch.add(Events.electricity(community, use[0], "em-" + use[0], d, String.valueOf(1000 + first + second)));
        }
        readings.record(batch);
        deposits.recordDeposits(List.of(Events.deposit(community, "b01-0101", last.atDay(11).atTime(9, 0).atZone(SHANGHAI).toInstant(),
                WasteKind.PERISHABLE, "2", true)));
    }

    @Test
    void aHouseholdsPortraitShowsItsMonthsAgainstTheCommunityAndItsTrend() {
        assertThat(mvc.get().uri("/api/accounting/me/portrait?to={m}&months=2", last)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(community, "b01-0101"))))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.level", v -> v.assertThat().isEqualTo("HOUSEHOLD"))
                .hasPathSatisfying("$.members", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.factorVersions", v -> v.assertThat().asArray().containsExactly("wuhan-pilot v1"))
                .hasPathSatisfying("$.months[1].month", v -> v.assertThat().isEqualTo(last.toString()))
                .hasPathSatisfying("$.months[1].sources[0].meterType", v -> v.assertThat().isEqualTo("ELECTRICITY"))
                .hasPathSatisfying("$.months[1].sources[0].consumption.value", v -> v.assertThat().isEqualTo(6.0))
                // 6 kWh x 0.5306 over 2 members; the median of 1.592, 3.537 and 2.653
                .hasPathSatisfying("$.months[1].emissionsPerMember.value", v -> v.assertThat().isEqualTo(1.592))
                .hasPathSatisfying("$.months[1].communityMedianPerMember.value", v -> v.assertThat().isEqualTo(2.653))
                .hasPathSatisfying("$.months[1].percentile", v -> v.assertThat().isEqualTo(100))
                .hasPathSatisfying("$.months[1].reductions[0].behaviour", v -> v.assertThat().isEqualTo("SORTED_PERISHABLE_WASTE"))
                .hasPathSatisfying("$.months[1].reductionTotal.value", v -> v.assertThat().isEqualTo(0.4))
                .hasPathSatisfying("$.months[0].emissionsPerMember.value", v -> v.assertThat().isEqualTo(2.653))
                .hasPathSatisfying("$.trend.vsPreviousMonthPercent", v -> v.assertThat().isEqualTo(-40.0))
                .hasPathSatisfying("$.trend.vsSameMonthLastYearPercent", v -> v.assertThat().isNull())
                .hasPathSatisfying("$.topImprovers.length()", v -> v.assertThat().isEqualTo(0));
    }

    @Test
    void aBuildingsAndTheCommunitysPortraitsNameTheirTopImprovers() {
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/buildings/b01/portrait?to={m}&months=2", community, last)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community))))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.members", v -> v.assertThat().isEqualTo(5))
                .hasPathSatisfying("$.months[1].sources[0].consumption.value", v -> v.assertThat().isEqualTo(26.0))
                .hasPathSatisfying("$.topImprovers[0].id", v -> v.assertThat().isEqualTo("b01-0101"))
                .hasPathSatisfying("$.topImprovers[0].changePercent", v -> v.assertThat().isEqualTo(-40.0))
                .hasPathSatisfying("$.topImprovers.length()", v -> v.assertThat().isEqualTo(1));
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/portrait?to={m}&months=2", community, last)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.streetOffice("east-lake", community))))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.members", v -> v.assertThat().isEqualTo(6))
                // 31 kWh x 0.5306
                .hasPathSatisfying("$.months[1].emissions.value", v -> v.assertThat().isEqualTo(16.449))
                .hasPathSatisfying("$.topImprovers[0].id", v -> v.assertThat().isEqualTo("b01"))
                .hasPathSatisfying("$.topImprovers[0].changePercent", v -> v.assertThat().isEqualTo(-13.3));
    }

    @Test
    void aNeighbourAndAnotherCommunitysManagerAreRefusedAndBoundsAreNamed() {
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/households/b01-0101/portrait", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(community, "b01-0102"))))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/households/b01-0101/portrait", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager("elsewhere"))))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/buildings/b01/portrait", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.streetOffice("east-lake", community))))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/households/b01-0101/portrait?months=26", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community))))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("months"));
        assertThat(mvc.get().uri("/api/accounting/me/portrait?to=2026-1")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(community, "b01-0101"))))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("to"));
    }

    private PlaceChanged place(String id, String building, int members) {
        return new PlaceChanged(PlaceChanged.eventIdOf(community, PlaceKind.HOUSEHOLD, id, 1), 1, community, Instant.now(), 1,
                PlaceKind.HOUSEHOLD, id, id, building, members, null);
    }
}
