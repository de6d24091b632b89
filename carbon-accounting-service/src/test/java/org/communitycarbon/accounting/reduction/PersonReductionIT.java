package org.communitycarbon.accounting.reduction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitycarbon.accounting.AccountingServiceTest;
import org.communitycarbon.accounting.Events;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.accounting.AccountingTopics;
import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.communitycarbon.model.recycling.PickupSettled;
import org.communitycarbon.model.recycling.Settlement;
import org.communitycarbon.model.recycling.SettlementTopics;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.model.security.TokenClaims;
import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

/**
 * Behaviour reductions belong to the person: two residents of one household each report a green trip through a partner,
 * the household drops perishable waste at a bin and has a pickup settled that names no booker. Each resident sees their
 * own trip and the household's items, the other member's total unnamed and never their trip; the household's total is
 * the members' plus the unattributed; a resident of another household sees only theirs; the community's figures count
 * every reduction once; the trips' events name the resident by pseudonym, never by account. A pickup whose settlement
 * names the resident who booked it is that resident's, in the household's sums, counted once.
 */
@AccountingServiceTest
class PersonReductionIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReductionRecorder recorder;

    @Autowired
    EventCodec codec;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String community = "pr-" + suffix;
    private final String householdA = "a-" + suffix;
    private final String householdB = "b-" + suffix;
    private final String residentA = resident("ann-" + suffix, householdA);
    private final String residentA2 = resident("alex-" + suffix, householdA);
    private final String residentB = resident("bo-" + suffix, householdB);
    /** Yesterday 08:00 in the community's time zone. */
    private final Instant morning = LocalDate.now(SHANGHAI).minusDays(1).atTime(8, 0).atZone(SHANGHAI).toInstant();

    @Test
    void eachMembersTripIsTheirsAndTheHouseholdSumsItsMembersAndItsOwn() throws Exception {
        String partner = onboard("bikes-" + suffix);
        String codeA = link(residentA, partner);
        String codeA2 = link(residentA2, partner);
        String codeB = link(residentB, partner);
        DocumentContext batch = json(mvc.post().uri("/api/accounting/partners/{p}/trip-batches", partner)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.partner(partner))).header("Idempotency-Key", "b1")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"trips\":[" + trip("t-a", codeA, "3", 0, 15) + "," + trip("t-a2", codeA2, "2", 0, 10) + ","
                        + trip("t-b", codeB, "1", 20, 25) + "]}")
                .exchange());
        assertThat(batch.read("$.accepted", Integer.class)).as(batch.jsonString()).isEqualTo(3);
        // the household's own: a sorted drop at a bin (0.25) and a pickup weighed at the door (4.7 kg: 1.41)
        recorder.recordDeposits(List.of(Events.deposit(community, householdA, morning.plusSeconds(3600), WasteKind.PERISHABLE, "1.25",
                true)));
        recorder.recordSettlements(List.of(Events.settlement(community, householdA, morning.plusSeconds(7200), Settlement.CASH, "3",
                "1.7")));

        DocumentContext ann = mine(residentA);
        assertThat(ann.read("$.total.value", BigDecimal.class)).isEqualByComparingTo("2.410");
        assertThat(ann.read("$.members[?(@.you == true)].total.value", List.class)).singleElement()
                .satisfies(v -> assertThat(new BigDecimal(v.toString())).isEqualByComparingTo("0.450"));
        assertThat(ann.read("$.members[?(@.you == false)].member", List.class)).containsExactly("member-1");
        assertThat(ann.read("$.members[?(@.you == false)].total.value", List.class)).singleElement()
                .satisfies(v -> assertThat(new BigDecimal(v.toString())).isEqualByComparingTo("0.300"));
        assertThat(ann.read("$.unattributed.total.value", BigDecimal.class)).isEqualByComparingTo("1.660");
        assertThat(ann.read("$.unattributed.byBehaviour[*].behaviour", List.class))
                .containsExactly("RECYCLED_GOODS", "SORTED_PERISHABLE_WASTE");
        assertThat(ann.read("$.reductions.items[*].behaviour", List.class)).as("the other member's trip is not shown")
                .containsExactlyInAnyOrder("GREEN_TRAVEL", "SORTED_PERISHABLE_WASTE", "RECYCLED_GOODS");
        assertThat(ann.read("$.reductions.items[?(@.behaviour == 'GREEN_TRAVEL')].belongsTo", List.class)).containsExactly("YOU");
        assertThat(ann.read("$.reductions.items[?(@.behaviour == 'GREEN_TRAVEL')].activity.value", List.class)).singleElement()
                .satisfies(v -> assertThat(new BigDecimal(v.toString())).isEqualByComparingTo("3"));
        assertThat(ann.read("$.reductions.items[?(@.behaviour != 'GREEN_TRAVEL')].belongsTo", List.class))
                .containsExactly("HOUSEHOLD", "HOUSEHOLD");

        DocumentContext alex = mine(residentA2);
        assertThat(alex.read("$.total.value", BigDecimal.class)).as("the same household, the same total").isEqualByComparingTo("2.410");
        assertThat(alex.read("$.members[?(@.you == true)].total.value", List.class)).singleElement()
                .satisfies(v -> assertThat(new BigDecimal(v.toString())).isEqualByComparingTo("0.300"));
        assertThat(alex.read("$.reductions.items[?(@.behaviour == 'GREEN_TRAVEL')].activity.value", List.class)).singleElement()
                .satisfies(v -> assertThat(new BigDecimal(v.toString())).isEqualByComparingTo("2"));
        assertThat(alex.read("$.reductions.totalItems", Integer.class)).isEqualTo(3);

        DocumentContext bo = mine(residentB);
        assertThat(bo.read("$.total.value", BigDecimal.class)).isEqualByComparingTo("0.150");
        assertThat(bo.read("$.members[*].member", List.class)).containsExactly("you");
        assertThat(bo.read("$.unattributed.total.value", BigDecimal.class)).isEqualByComparingTo("0");
        assertThat(bo.jsonString()).doesNotContain(householdA);
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/households/{h}/reductions", community, householdA)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(residentB))).hasStatus(403);

        // the property team: every item, the members unnamed
        DocumentContext team = json(mvc.get().uri("/api/accounting/communities/{c}/households/{h}/reductions", community, householdA)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community))).exchange());
        assertThat(team.read("$.reductions.totalItems", Integer.class)).isEqualTo(4);
        assertThat(team.read("$.members[*].member", List.class)).containsExactly("member-1", "member-2");
        assertThat(team.read("$.reductions.items[?(@.behaviour == 'GREEN_TRAVEL')].belongsTo", List.class))
                .containsExactly("MEMBER", "MEMBER");
        assertThat(team.read("$.total.value", BigDecimal.class)).isEqualByComparingTo("2.410");

        // the rows: the trips name their resident's pseudonym, the household's own name nobody
        Map<String, Object> persons = jdbc.queryForMap("""
                SELECT (SELECT person_ref FROM resident_person WHERE subject = ?) AS ann, (SELECT person_ref FROM resident_person WHERE subject = ?) AS alex""",
                "ann-" + suffix, "alex-" + suffix);
        assertThat(jdbc.queryForList("""
                SELECT behaviour || ' ' || coalesce(person_ref::text, '-') FROM carbon_reduction WHERE community_id = ? AND household_id = ?
                ORDER BY behaviour, activity_value""", String.class, community, householdA))
                .containsExactly("GREEN_TRAVEL " + persons.get("alex"), "GREEN_TRAVEL " + persons.get("ann"), "RECYCLED_GOODS -",
                        "SORTED_PERISHABLE_WASTE -");

        // the community counts each reduction once: the household rollups and the community's agree, the day's trend too
        assertThat(jdbc.queryForObject("SELECT sum(reduction) FROM reduction_day WHERE community_id = ?", BigDecimal.class, community))
                .isEqualByComparingTo("2.560");
        assertThat(jdbc.queryForObject("SELECT sum(reduction) FROM community_reduction_day WHERE community_id = ?", BigDecimal.class,
                community)).isEqualByComparingTo("2.560");
        LocalDate day = LocalDate.now(SHANGHAI).minusDays(1);
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/trends?from={d}&to={d}&granularity=DAY", community, day, day)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community))))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.periods[0].reductionTotal.value", v -> v.assertThat().isEqualTo(2.56))
                .hasPathSatisfying("$.periods[0].participatingHouseholds", v -> v.assertThat().isEqualTo(2));

        // the events: the trip names its resident by pseudonym, never by account; the household's own name nobody
        try (var published = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(),
                AccountingTopics.CARBON_REDUCTIONS)) {
            published.await(r -> householdA.equals(r.key()), Duration.ofSeconds(20));
            List<CarbonReductionRecorded> events = published.drain(Duration.ofSeconds(2)).stream()
                    .filter(r -> householdA.equals(r.key())).map(r -> codec.decode(r.value(), CarbonReductionRecorded.class)).toList();
            assertThat(events).extracting(e -> e.behaviour() + " " + (e.personRef() == null ? "-" : e.personRef()))
                    .containsExactlyInAnyOrder("GREEN_TRAVEL " + persons.get("ann"), "GREEN_TRAVEL " + persons.get("alex"),
                            "SORTED_PERISHABLE_WASTE -", "RECYCLED_GOODS -");
            assertThat(events).allSatisfy(e -> assertThat(codec.encode(e)).asString(StandardCharsets.UTF_8)
                    .doesNotContain("ann-" + suffix).doesNotContain("alex-" + suffix));
            assertThat(events).filteredOn(e -> e.behaviour() == ReductionBehaviour.GREEN_TRAVEL)
                    .allSatisfy(e -> assertThat(e.householdId()).isEqualTo(householdA));
        }
    }

    @Test
    void aPickupsRecycledGoodsAreTheResidentsWhoBookedIt() throws Exception {
        // ann books a pickup for her household; the settlement names her and is delivered twice, then another household's
        // settlement of the community (same key, same partition: processed after both deliveries)
        PickupSettled booked = Events.settlement(community, householdA, morning, Settlement.CREDITS, "3.2", "1.5", "ann-" + suffix);
        PickupSettled later = Events.settlement(community, householdB, morning.plusSeconds(60), Settlement.CASH, "2", "0.5");
        for (PickupSettled delivery : List.of(booked, booked, later)) {
            kafka.send(SettlementTopics.PICKUP_SETTLEMENTS, community, codec.encode(delivery)).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM carbon_reduction WHERE source_event_id = ?", Integer.class, later.eventId()) == 1);

        UUID ann = jdbc.queryForObject("SELECT person_ref FROM resident_person WHERE subject = ?", UUID.class, "ann-" + suffix);
        assertThat(jdbc.queryForList("""
                SELECT behaviour || ' ' || activity_value || ' ' || reduction_kg_co2e || ' ' || coalesce(person_ref::text, '-')
                FROM carbon_reduction WHERE community_id = ? AND household_id = ?""", String.class, community, householdA))
                .as("one reduction though delivered twice, naming the booker's pseudonym made for it")
                .containsExactly("RECYCLED_GOODS 4.700000 1.410000 " + ann);

        DocumentContext mineAnn = mine(residentA);
        assertThat(mineAnn.read("$.total.value", BigDecimal.class)).isEqualByComparingTo("1.410");
        assertThat(mineAnn.read("$.members[*].member", List.class)).containsExactly("you");
        assertThat(mineAnn.read("$.members[0].byBehaviour[*].behaviour", List.class)).containsExactly("RECYCLED_GOODS");
        assertThat(mineAnn.read("$.members[0].total.value", BigDecimal.class)).isEqualByComparingTo("1.410");
        assertThat(mineAnn.read("$.unattributed.total.value", BigDecimal.class)).isEqualByComparingTo("0");
        assertThat(mineAnn.read("$.reductions.items[*].belongsTo", List.class)).containsExactly("YOU");

        DocumentContext mineAlex = mine(residentA2);
        assertThat(mineAlex.read("$.total.value", BigDecimal.class)).isEqualByComparingTo("1.410");
        assertThat(mineAlex.read("$.members[*].member", List.class)).as("the other member's, unnamed").containsExactly("member-1");
        assertThat(mineAlex.read("$.members[0].total.value", BigDecimal.class)).isEqualByComparingTo("1.410");
        assertThat(mineAlex.read("$.reductions.totalItems", Integer.class)).as("never another member's items").isZero();

        DocumentContext mineBo = mine(residentB);
        assertThat(mineBo.read("$.total.value", BigDecimal.class)).isEqualByComparingTo("0.750");
        assertThat(mineBo.read("$.members", List.class)).isEmpty();
        assertThat(mineBo.read("$.unattributed.total.value", BigDecimal.class)).as("named no booker: the household's")
                .isEqualByComparingTo("0.750");

        // counted once: the household's rollup, the community's (1.410 + 0.750)
        assertThat(jdbc.queryForObject("SELECT sum(reduction) FROM reduction_day WHERE community_id = ? AND household_id = ?",
                BigDecimal.class, community, householdA)).isEqualByComparingTo("1.410");
        assertThat(jdbc.queryForObject("SELECT sum(reduction) FROM community_reduction_day WHERE community_id = ?", BigDecimal.class,
                community)).isEqualByComparingTo("2.160");

        // the event names her pseudonym, once, never her account
        try (var published = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(),
                AccountingTopics.CARBON_REDUCTIONS)) {
            published.await(r -> householdA.equals(r.key()), Duration.ofSeconds(20));
            List<CarbonReductionRecorded> events = published.drain(Duration.ofSeconds(2)).stream()
                    .filter(r -> householdA.equals(r.key())).map(r -> codec.decode(r.value(), CarbonReductionRecorded.class)).toList();
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.behaviour()).isEqualTo(ReductionBehaviour.RECYCLED_GOODS);
                assertThat(e.personRef()).isEqualTo(ann.toString());
                assertThat(codec.encode(e)).asString(StandardCharsets.UTF_8).doesNotContain("ann-" + suffix);
            });
        }
    }

    @Test
    void aSettlementNamingItsBookerByNoIdentifierIsRefusedNamingTheField() {
        PickupSettled settled = Events.settlement(community, householdA, morning, Settlement.CASH, "1", "1");
        PickupSettled odd = new PickupSettled(settled.eventId(), 1, community, morning, settled.pickupId(), householdA, "green-cycle",
                Settlement.CASH, 0, settled.items(), settled.totalWeight(), settled.amountCny(), settled.credits(), "ann smith");

        PickupSettlementListener.check(settled);
        assertThatThrownBy(() -> PickupSettlementListener.check(odd)).isInstanceOf(ContractViolation.class)
                .hasMessageStartingWith("bookedBy:");
    }

    private String resident(String subject, String household) {
        return TestTokens.sign(subject, Map.of(TokenClaims.ROLES, List.of(Role.RESIDENT.name()), TokenClaims.COMMUNITY, community,
                TokenClaims.HOUSEHOLD, household));
    }

    private DocumentContext mine(String token) throws Exception {
        MvcTestResult result = mvc.get().uri("/api/accounting/me/reductions").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token))
                .exchange();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
        return json(result);
    }

    private String onboard(String id) throws Exception {
        MvcTestResult result = mvc.post().uri("/api/accounting/partners")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin())).contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\":\"" + id + "\",\"name\":\"Partner " + id + "\",\"modes\":[\"BIKE\"],\"communities\":[\"" + community
                        + "\"]}")
                .exchange();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(201);
        return id;
    }

    private String link(String token, String partner) throws Exception {
        MvcTestResult result = mvc.put().uri("/api/accounting/me/travel-links/{p}", partner)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token)).exchange();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
        return json(result).read("$.linkCode");
    }

    private String trip(String id, String rider, String km, int fromMinute, int toMinute) {
        return "{\"tripId\":\"" + id + "\",\"rider\":\"" + rider + "\",\"mode\":\"BIKE\",\"distanceKm\":" + km + ",\"startedAt\":\""
                + morning.plusSeconds(60L * fromMinute) + "\",\"endedAt\":\"" + morning.plusSeconds(60L * toMinute) + "\"}";
    }

    private static DocumentContext json(MvcTestResult result) throws Exception {
        return JsonPath.parse(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }
}
