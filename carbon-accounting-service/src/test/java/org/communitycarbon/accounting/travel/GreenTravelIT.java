package org.communitycarbon.accounting.travel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.accounting.AccountingServiceTest;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.accounting.AccountingTopics;
import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

/**
 * Green travel from partner platforms: a batch answered line by line (accepted, duplicate, refused naming the field), a
 * batch sent again answered the same and counted once, a trip two partners report credited once, the daily distance,
 * partners kept to their own batches and communities, residents kept out, and each credited trip published once as a
 * GREEN_TRAVEL reduction naming its factor version.
 */
@AccountingServiceTest
class GreenTravelIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventCodec codec;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String community = "tr-" + suffix;
    private final String household = "h-" + suffix;
    private final String resident = TestTokens.resident(community, household);
    /** Yesterday 08:00 in the community's time zone: every trip of a test is on that local day. */
    private final Instant morning = LocalDate.now(SHANGHAI).minusDays(1).atTime(8, 0).atZone(SHANGHAI).toInstant();

    @Test
    void answersEachLineAcceptedDuplicateOrRefusedNamingTheFieldAndABatchSentAgainAnswersTheSameCountingNothingTwice()
            throws Exception {
        String partner = onboard("bikes-" + suffix, "[\"BIKE\",\"E_BIKE\"]", community);
        String code = link(resident, partner);
        String batch = batch(
                trip("t1", code, "BIKE", "3", 0, 15),
                trip("t1", code, "BIKE", "3", 0, 15),
                trip("t2", code, "BIKE", "-1", 20, 30),
                trip("t3", code, "METRO", "5", 40, 55),
                trip("t4", "AAAAAAAAAAAAAAAAAAAAAA", "BIKE", "2", 60, 70),
                trip("t5", code, "BIKE", "30", 80, 90),
                "{\"tripId\":\"t6\",\"rider\":\"" + code + "\",\"mode\":\"BIKE\",\"distanceKm\":1,\"startedAt\":\""
                        + Instant.now().plusSeconds(3600) + "\",\"endedAt\":\"" + Instant.now().plusSeconds(4000) + "\"}",
                "{\"tripId\":\"t7\",\"rider\":\"" + code + "\",\"mode\":\"BIKE\",\"distanceKm\":1,\"startedAt\":\""
                        + at(100) + "\",\"endedAt\":\"" + at(110) + "\",\"startLocation\":\"30.5,114.3\"}");

        MvcTestResult first = report(partner, partner, "batch-1", batch);
        assertThat(first.getResponse().getStatus()).isEqualTo(200);
        assertThat(first.getResponse().getHeader("Idempotent-Replayed")).isEqualTo("false");
        DocumentContext answer = json(first);
        assertThat(answer.read("$.received", Integer.class)).isEqualTo(8);
        assertThat(answer.read("$.accepted", Integer.class)).isEqualTo(1);
        assertThat(answer.read("$.duplicates", Integer.class)).isEqualTo(1);
        assertThat(answer.read("$.refused", Integer.class)).isEqualTo(6);
        assertThat(answer.read("$.lines[0].status", String.class)).isEqualTo("ACCEPTED");
        assertThat(answer.read("$.lines[0].reduction.value", Double.class)).isEqualTo(0.45);
        assertThat(answer.read("$.lines[0].factorVersion", String.class)).isEqualTo("wuhan-pilot v1");
        String tripId = answer.read("$.lines[0].id");
        assertThat(answer.read("$.lines[1].status", String.class)).isEqualTo("DUPLICATE");
        assertThat(answer.read("$.lines[1].duplicateOf", String.class)).isEqualTo(tripId);
        assertThat(answer.read("$.lines[*].field", List.class)).containsExactly(null, "trips[1].tripId", "trips[2].distanceKm",
                "trips[3].mode", "trips[4].rider", "trips[5].distanceKm", "trips[6].endedAt", "trips[7].startLocation");
        assertThat(answer.read("$.lines[5].reason", String.class)).contains("180.0 km/h");

        MvcTestResult again = report(partner, partner, "batch-1", batch);
        assertThat(again.getResponse().getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(json(again).jsonString()).isEqualTo(answer.jsonString());
        MvcTestResult reused = report(partner, partner, "batch-1", batch(trip("t9", code, "BIKE", "1", 200, 210)));
        assertThat(reused.getResponse().getStatus()).isEqualTo(400);
        assertThat(reused.getResponse().getContentAsString()).contains("Idempotency-Key");
        DocumentContext newKey = json(report(partner, partner, "batch-2", batch));
        assertThat(newKey.read("$.accepted", Integer.class)).isZero();
        assertThat(newKey.read("$.lines[0].status", String.class)).isEqualTo("DUPLICATE");
        assertThat(newKey.read("$.lines[0].reason", String.class)).isEqualTo("reported before");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM carbon_reduction WHERE community_id = ?", Integer.class, community))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("""
                SELECT v.methodology_id || ' v' || v.version || ' ' || f.kind || ' ' || f.applies_to FROM carbon_reduction r
                JOIN methodology_factor f ON f.id = r.factor_id JOIN methodology_version v ON v.id = f.version_id
                WHERE r.community_id = ?""", String.class, community))
                .as("the reduction names the factor version it used").isEqualTo("wuhan-pilot v1 GREEN_TRAVEL shared-bike");
        try (var published = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(),
                AccountingTopics.CARBON_REDUCTIONS)) {
            published.await(r -> household.equals(r.key()), Duration.ofSeconds(20));
            List<CarbonReductionRecorded> events = published.drain(Duration.ofSeconds(1)).stream()
                    .filter(r -> household.equals(r.key()))
                    .map(r -> codec.decode(r.value(), CarbonReductionRecorded.class)).toList();
            assertThat(events).singleElement().satisfies(reduction -> {
                assertThat(reduction.behaviour()).isEqualTo(ReductionBehaviour.GREEN_TRAVEL);
                assertThat(reduction.communityId()).isEqualTo(community);
                assertThat(reduction.activity()).isEqualTo(Quantity.of("3.000", Unit.KM));
                assertThat(reduction.reduction().value()).isEqualByComparingTo("0.450");
                assertThat(reduction.methodology()).isEqualTo("wuhan-pilot");
                assertThat(reduction.methodologyVersion()).isEqualTo(1);
                assertThat(reduction.sourceEventId()).isEqualTo(UUID.fromString(tripId));
                assertThat(reduction.occurredAt()).isEqualTo(at(15));
            });
        }
    }

    @Test
    void aTripReportedByTwoPartnersIsCreditedOnce() throws Exception {
        String bikes = onboard("bikes-" + suffix, "[\"BIKE\",\"E_BIKE\"]", community);
        String maps = onboard("maps-" + suffix, "[\"BIKE\",\"BUS\",\"METRO\",\"WALK\"]", community);
        String bikeCode = link(resident, bikes);
        String mapCode = link(resident, maps);
        assertThat(mapCode).as("a code per partner: they cannot match their riders").isNotEqualTo(bikeCode);

        DocumentContext fromBikes = json(report(bikes, bikes, "b-1", batch(trip("ride-1", bikeCode, "E_BIKE", "4.2", 0, 20))));
        assertThat(fromBikes.read("$.lines[0].status", String.class)).isEqualTo("ACCEPTED");
        assertThat(fromBikes.read("$.lines[0].reduction.value", Double.class)).isEqualTo(0.63);
        String ride = fromBikes.read("$.lines[0].id");

        DocumentContext fromMaps = json(report(maps, maps, "m-1", batch(
                trip("journey-1", mapCode, "BIKE", "4.0", 1, 22),
                trip("journey-2", mapCode, "BUS", "4.0", 5, 15),
                trip("journey-3", mapCode, "METRO", "12.5", 60, 85))));
        assertThat(fromMaps.read("$.lines[0].status", String.class)).isEqualTo("DUPLICATE");
        assertThat(fromMaps.read("$.lines[0].duplicateOf", String.class)).isEqualTo(ride);
        assertThat(fromMaps.read("$.lines[1].status", String.class)).isEqualTo("REFUSED");
        assertThat(fromMaps.read("$.lines[1].field", String.class)).isEqualTo("trips[1].startedAt");
        assertThat(fromMaps.read("$.lines[2].status", String.class)).isEqualTo("ACCEPTED");
        assertThat(fromMaps.read("$.lines[2].reduction", Object.class)).as("wuhan-pilot has no metro factor").isNull();
        assertThat(fromMaps.read("$.lines[2].reason", String.class)).contains("not credited");

        assertThat(jdbc.queryForList("SELECT behaviour || ' ' || reduction_kg_co2e FROM carbon_reduction WHERE community_id = ?",
                String.class, community)).containsExactly("GREEN_TRAVEL 0.630000");
        assertThat(jdbc.queryForList("SELECT outcome FROM travel_trip WHERE community_id = ? ORDER BY started_at", String.class,
                community)).containsExactly("CREDITED", "DUPLICATE", "NOT_CREDITED");
        assertThat(jdbc.queryForObject("""
                SELECT activity || ' ' || reduction || ' ' || reductions FROM community_reduction_day
                WHERE community_id = ? AND behaviour = 'GREEN_TRAVEL'""", String.class, community))
                .as("in the rollups of the local day").isEqualTo("4.200000 0.630000 1");
    }

    @Test
    void aModeWithAFactorInTheCommunitysMethodologyIsCreditedAtIt() throws Exception {
        String metro = onboard("metro-" + suffix, "[\"METRO\",\"BUS\"]", community);
        assertThat(mvc.post().uri("/api/accounting/communities/{c}/methodology-assignments", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin())).contentType(MediaType.APPLICATION_JSON)
                .content("{\"methodology\":\"shenzhen-public-transport\",\"effectiveFrom\":\"2025-01-01T00:00:00Z\",\"reason\":\"test\"}")
                .exchange().getResponse().getStatus()).isEqualTo(201);
        String code = link(resident, metro);

        DocumentContext answer = json(report(metro, metro, "s-1", batch(trip("card-1", code, "METRO", "10", 0, 25))));
        // 10 km x 46.7 g CO2e per person-km
        assertThat(answer.read("$.lines[0].reduction.value", Double.class)).isEqualTo(0.467);
        assertThat(answer.read("$.lines[0].factorVersion", String.class)).isEqualTo("shenzhen-public-transport v1");
    }

    @Test
    void aResidentsTripsOfADayCountAtMostTheDailyDistance() throws Exception {
        String partner = onboard("bikes-" + suffix, "[\"BIKE\"]", community);
        String code = link(resident, partner);
        DocumentContext answer = json(report(partner, partner, "d-1", batch(
                trip("d1", code, "BIKE", "28", 0, 60), trip("d2", code, "BIKE", "28", 70, 130),
                trip("d3", code, "BIKE", "28", 140, 200), trip("d4", code, "BIKE", "28", 210, 270))));

        assertThat(answer.read("$.lines[*].status", List.class)).containsExactly("ACCEPTED", "ACCEPTED", "ACCEPTED", "REFUSED");
        assertThat(answer.read("$.lines[3].field", String.class)).isEqualTo("trips[3].distanceKm");
        assertThat(answer.read("$.lines[3].reason", String.class)).contains("112.000 km");
    }

    @Test
    void partnersReportOnlyForThemselvesAndTheCommunitiesTheyServeAndResidentsCannotReport() throws Exception {
        String partner = onboard("bikes-" + suffix, "[\"BIKE\"]", community);
        String elsewhere = onboard("far-" + suffix, "[\"BIKE\"]", "elsewhere-" + suffix);
        String code = link(resident, partner);
        String batch = batch(trip("x1", code, "BIKE", "2", 0, 10));

        assertThat(mvc.put().uri("/api/accounting/me/travel-links/{p}", elsewhere)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(resident)).exchange().getResponse().getStatus())
                .as("a partner of another community").isEqualTo(409);
        assertThat(report(elsewhere, partner, "x-1", batch).getResponse().getStatus()).as("acting for another partner").isEqualTo(403);
        assertThat(mvc.post().uri("/api/accounting/partners/{p}/trip-batches", partner)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(resident)).header("Idempotency-Key", "r-1")
                .contentType(MediaType.APPLICATION_JSON).content(batch).exchange().getResponse().getStatus())
                .as("a resident").isEqualTo(403);

        assertThat(mvc.put().uri("/api/accounting/partners/{p}", partner)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin())).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"Bikes\",\"modes\":[\"BIKE\"],\"communities\":[\"elsewhere-" + suffix + "\"]}")
                .exchange().getResponse().getStatus()).isEqualTo(200);
        DocumentContext answer = json(report(partner, partner, "x-2", batch));
        assertThat(answer.read("$.lines[0].field", String.class)).isEqualTo("trips[0].rider");
        assertThat(answer.read("$.lines[0].reason", String.class)).contains("does not serve");

        assertThat(mvc.delete().uri("/api/accounting/me/travel-links/{p}", partner)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(resident)).exchange().getResponse().getStatus()).isEqualTo(204);
        assertThat(json(report(partner, partner, "x-3", batch)).read("$.lines[0].reason", String.class))
                .as("unlinked").contains("no resident is linked");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM carbon_reduction WHERE community_id = ?", Integer.class, community))
                .isZero();
    }

    private String onboard(String id, String modes, String serves) throws Exception {
        MvcTestResult result = mvc.post().uri("/api/accounting/partners")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin())).contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\":\"" + id + "\",\"name\":\"Partner " + id + "\",\"modes\":" + modes + ",\"communities\":[\"" + serves
                        + "\"]}")
                .exchange();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(201);
        return id;
    }

    private String link(String token, String partner) throws Exception {
        MvcTestResult result = mvc.put().uri("/api/accounting/me/travel-links/{p}", partner)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token)).exchange();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
        String code = json(result).read("$.linkCode");
        assertThat(json(mvc.put().uri("/api/accounting/me/travel-links/{p}", partner)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token)).exchange()).read("$.linkCode", String.class))
                .as("linking again gives the same code").isEqualTo(code);
        return code;
    }

    private MvcTestResult report(String asPartner, String partner, String key, String body) {
        return mvc.post().uri("/api/accounting/partners/{p}/trip-batches", partner)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.partner(asPartner))).header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private Instant at(int minutes) {
        return morning.plusSeconds(60L * minutes);
    }

    private String trip(String id, String rider, String mode, String km, int fromMinute, int toMinute) {
        return "{\"tripId\":\"" + id + "\",\"rider\":\"" + rider + "\",\"mode\":\"" + mode + "\",\"distanceKm\":" + km
                + ",\"startedAt\":\"" + at(fromMinute) + "\",\"endedAt\":\"" + at(toMinute) + "\"}";
    }

    private static String batch(String... trips) {
        return "{\"trips\":[" + String.join(",", trips) + "]}";
    }

    private static DocumentContext json(MvcTestResult result) throws Exception {
        return JsonPath.parse(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }
}
