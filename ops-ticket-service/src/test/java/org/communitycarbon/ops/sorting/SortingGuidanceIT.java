package org.communitycarbon.ops.sorting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.model.sensing.WasteDeposited;
import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.model.security.TokenClaims;
import org.communitycarbon.ops.OpsTicketServiceTest;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Waste deposits published to Kafka as the sensing service does: a drop a bin's camera recognised as another kind is a
 * notice to its household naming the right category, once; a third within 14 days asks the volunteers to visit, once
 * while the visit is active; correct and anonymous drops notify nobody; all of them count for the sorting accuracy.
 */
@OpsTicketServiceTest
class SortingGuidanceIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvcTester mvc;

    private final String community = "c-" + UUID.randomUUID();
    private final String household = "h-" + UUID.randomUUID().toString().substring(0, 8);
    private final String neighbour = "n-" + UUID.randomUUID().toString().substring(0, 8);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void aWrongDropTellsItsHouseholdTheRightCategoryOnceAndNobodyElse() throws Exception {
        WasteDeposited wrong = deposit(household, WasteKind.RESIDUAL, WasteKind.PERISHABLE, now.minusSeconds(60));

        publish(wrong, wrong);
        awaitProcessed(wrong);
        publish(wrong);
        awaitProcessed(wrong);

        String resident = TestTokens.resident(community, household);
        inbox(resident).assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.items[0].kind", v -> v.assertThat().isEqualTo("SORTING_GUIDANCE"))
                .hasPathSatisfying("$.items[0].title", v -> v.assertThat()
                        .isEqualTo("Sorting guidance: this belongs in the kitchen waste bin (厨余垃圾)"))
                .hasPathSatisfying("$.items[0].body", v -> v.assertThat().asString().contains("not a penalty"))
                .hasPathSatisfying("$.items[0].details.correctKind", v -> v.assertThat().isEqualTo("PERISHABLE"))
                .hasPathSatisfying("$.items[0].details.correctKindZh", v -> v.assertThat().isEqualTo("厨余垃圾"))
                .hasPathSatisfying("$.items[0].details.correctKindEn", v -> v.assertThat().isEqualTo("kitchen waste"))
                .hasPathSatisfying("$.items[0].details.binKind", v -> v.assertThat().isEqualTo("RESIDUAL"))
                .hasPathSatisfying("$.items[0].details.binKindZh", v -> v.assertThat().isEqualTo("其他垃圾"))
                .hasPathSatisfying("$.items[0].details.deviceId", v -> v.assertThat().isEqualTo(wrong.deviceId()));
        // a second resident of the household sees it too; a neighbour, another community's resident and the staff do not
        inbox(TestTokens.sign("second-" + household, Map.of(TokenClaims.ROLES, List.of("RESIDENT"), TokenClaims.COMMUNITY,
                community, TokenClaims.HOUSEHOLD, household))).assertThat().bodyJson()
                .hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(1));
        for (String other : List.of(TestTokens.resident(community, neighbour), TestTokens.resident("other-" + community, household),
                TestTokens.propertyManager(community), TestTokens.residentsCommittee(community))) {
            inbox(other).assertThat().hasStatusOk().bodyJson().hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(0));
        }
        assertThat(visits()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sorting_mistake WHERE community_id = ?", Integer.class, community))
                .isEqualTo(1);
    }

    @Test
    void theThirdWrongDropWithinTwoWeeksOpensOneVisitWhichFurtherMistakesDoNotRepeat() throws Exception {
        WasteDeposited first = deposit(household, WasteKind.RECYCLABLE, WasteKind.RESIDUAL, now.minus(Duration.ofDays(10)));
        WasteDeposited second = deposit(household, WasteKind.PERISHABLE, WasteKind.HAZARDOUS, now.minus(Duration.ofDays(5)));
        publish(first, second);
        awaitProcessed(first, second);
        assertThat(visits()).isEmpty();

        WasteDeposited third = deposit(household, WasteKind.RESIDUAL, WasteKind.RECYCLABLE, now.minus(Duration.ofHours(1)));
        publish(third, third);
        awaitProcessed(third);

        List<Map<String, Object>> visits = visits();
        assertThat(visits).hasSize(1);
        Map<String, Object> visit = visits.get(0);
        assertThat(visit.get("id")).isEqualTo(EventIds.derived(EventIds.derived(third.eventId(), "sorting-visit"), "work-order"));
        assertThat(visit.get("status")).isEqualTo("OPEN");
        assertThat(visit.get("source_id")).isEqualTo(household);
        assertThat(visit.get("title")).isEqualTo("Sorting visit: household " + household + " sorted 3 drops wrongly within 14 days");
        assertThat(((java.sql.Timestamp) visit.get("deadline")).toInstant())
                .isEqualTo(third.occurredAt().plus(Duration.ofHours(72)));
        assertThat(String.valueOf(visit.get("details"))).contains("not a penalty");

        // a fourth while the visit is active counts towards it and opens nothing; the household is still told
        WasteDeposited fourth = deposit(household, WasteKind.RESIDUAL, WasteKind.PERISHABLE, now.minusSeconds(30));
        publish(fourth);
        awaitProcessed(fourth);
        assertThat(visits()).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sorting_mistake WHERE community_id = ? AND visit_work_order_id = ?",
                Integer.class, community, visit.get("id"))).isEqualTo(4);
        inbox(TestTokens.resident(community, household)).assertThat().bodyJson()
                .hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(4));
        mvc.get().uri("/api/ops/work-orders/{id}", visit.get("id"))
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community)))
                .assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo("SORTING_VISIT"))
                .hasPathSatisfying("$.priority", v -> v.assertThat().isEqualTo("NORMAL"));
    }

    @Test
    void mistakesSpreadOverMoreThanTheWindowOpenNoVisit() throws Exception {
        WasteDeposited[] spread = {deposit(household, WasteKind.RESIDUAL, WasteKind.PERISHABLE, now.minus(Duration.ofDays(30))),
                deposit(household, WasteKind.RESIDUAL, WasteKind.PERISHABLE, now.minus(Duration.ofDays(15))),
                deposit(household, WasteKind.RESIDUAL, WasteKind.PERISHABLE, now.minus(Duration.ofDays(1)))};
        publish(spread);
        awaitProcessed(spread);

        assertThat(visits()).isEmpty();
        inbox(TestTokens.resident(community, household)).assertThat().bodyJson()
                .hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(3));
    }

    @Test
    void correctAndAnonymousDropsNotifyNobodyAndEveryDropCountsForTheAccuracy() throws Exception {
        Instant at = monthStart().plus(Duration.ofHours(1));
        WasteDeposited right = deposit(household, WasteKind.PERISHABLE, WasteKind.PERISHABLE, at);
        WasteDeposited rightToo = deposit(neighbour, WasteKind.RECYCLABLE, WasteKind.RECYCLABLE, at.plusSeconds(1));
        WasteDeposited unrecognised = deposit(household, WasteKind.RESIDUAL, null, at.plusSeconds(2));
        WasteDeposited wrong = deposit(neighbour, WasteKind.RESIDUAL, WasteKind.HAZARDOUS, at.plusSeconds(3));
        publish(right, rightToo, unrecognised, wrong, right);
        UUID anonymous = EventIds.of(community, "bin-anon", "deposit", at.plusSeconds(4).toString());
        kafka.send(SensingTopics.WASTE_DEPOSITS, community + "/bin-anon", ("""
                {"eventId":"%s","schemaVersion":1,"communityId":"%s","occurredAt":"%s","receivedAt":"%s","deviceId":"bin-anon",
                 "wasteKind":"RESIDUAL","weight":{"value":0.5,"unit":"KG"},"correctlySorted":false,"detectedKind":"PERISHABLE"}
                """).formatted(anonymous, community, at.plusSeconds(4), at.plusSeconds(5)).getBytes(StandardCharsets.UTF_8)).get();
        awaitProcessed(right, rightToo, unrecognised, wrong);
        awaitProcessed(anonymous);

        inbox(TestTokens.resident(community, household)).assertThat().bodyJson()
                .hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(0));
        inbox(TestTokens.resident(community, neighbour)).assertThat().bodyJson()
                .hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(1));
        assertThat(visits()).isEmpty();

        String month = YearMonth.from(at.atZone(ZoneId.of("Asia/Shanghai"))).toString();
        mvc.get().uri("/api/ops/communities/{c}/sorting/accuracy?from={m}&to={m}", community, month, month)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.streetOffice("s-1", community)))
                .assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$.months.length()", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.months[0].month", v -> v.assertThat().isEqualTo(month))
                .hasPathSatisfying("$.months[0].deposits", v -> v.assertThat().isEqualTo(5))
                .hasPathSatisfying("$.months[0].recognised", v -> v.assertThat().isEqualTo(4))
                .hasPathSatisfying("$.months[0].matched", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.months[0].mistakes", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.months[0].anonymous", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.months[0].accuracy", v -> v.assertThat().isEqualTo(0.5))
                .hasPathSatisfying("$.months[0].correctlySorted", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.months[0].judgedAccuracy", v -> v.assertThat().isEqualTo(0.4))
                .hasPathSatisfying("$.total.deposits", v -> v.assertThat().isEqualTo(5));
        mvc.get().uri("/api/ops/communities/{c}/sorting/accuracy?from=2026-05&to=2026-01", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community)))
                .assertThat().hasStatus(400).bodyJson().hasPathSatisfying("$.detail", v -> v.assertThat().asString().contains("from"));
    }

    private WasteDeposited deposit(String householdId, WasteKind bin, @org.jspecify.annotations.Nullable WasteKind detected, Instant at) {
        String device = "bin-" + bin.name().toLowerCase(java.util.Locale.ROOT);
        return new WasteDeposited(EventIds.of(community, device, "deposit", at.toString(), householdId), WasteDeposited.SCHEMA_VERSION,
                community, at, at.plusSeconds(1), device, householdId, bin, Quantity.of("0.400", Unit.KG), bin == detected, detected);
    }

    private static Instant monthStart() {
        return YearMonth.now(ZoneId.of("Asia/Shanghai")).atDay(1).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant();
    }

    private void publish(WasteDeposited... deposits) throws Exception {
        for (WasteDeposited deposit : deposits) {
            kafka.send(SensingTopics.WASTE_DEPOSITS, deposit.communityId() + "/" + deposit.deviceId(), codec.encode(deposit)).get();
        }
    }

    private void awaitProcessed(WasteDeposited... deposits) {
        awaitProcessed(java.util.Arrays.stream(deposits).map(WasteDeposited::eventId).distinct().toArray(UUID[]::new));
    }

    /** Waits until the service has committed the transaction of each deposit. */
    private void awaitProcessed(UUID... eventIds) {
        List<Object> ids = new ArrayList<>(List.of((Object[]) eventIds));
        String placeholders = String.join(", ", Collections.nCopies(ids.size(), "?"));
        ids.add(0, SortingGuidance.CONSUMER);
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id IN (" + placeholders + ")",
                Integer.class, ids.toArray()) == ids.size() - 1);
    }

    private List<Map<String, Object>> visits() {
        return jdbc.queryForList("SELECT * FROM work_order WHERE community_id = ? AND type = 'SORTING_VISIT'", community);
    }

    private MvcTestResult inbox(String token) {
        return mvc.get().uri("/api/ops/me/notifications").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token)).exchange();
    }
}
