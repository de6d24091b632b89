package org.communitycarbon.credits.redemption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.communitycarbon.credits.CreditsServiceTest;
import org.communitycarbon.credits.integrity.LedgerCheckpoints;
import org.communitycarbon.credits.ledger.Ledger;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.credits.CreditsRedeemed;
import org.communitycarbon.model.credits.CreditsTopics;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.jayway.jsonpath.JsonPath;

/**
 * Redemptions against the real PostgreSQL, through the service's REST API: concurrent redemptions never overdraw a
 * balance nor a stock, a repeated request debits once, refusals are problems a phone app can show, a reversal is a new
 * entry, and the hash chain still verifies after all of it.
 */
@CreditsServiceTest
class RedemptionIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    MockMvcTester tester;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventCodec codec;

    @Autowired
    LedgerCheckpoints checkpoints;

    private final String community = "c-" + UUID.randomUUID();
    private final String household = "hh-" + UUID.randomUUID();
    private final String resident = TestTokens.bearer(TestTokens.resident(community, household));
    private final String manager = TestTokens.bearer(TestTokens.propertyManager(community));

    @Test
    void hundredConcurrentRedemptionsNeverOverdrawTheBalance() throws Exception {
        earn(6_000);
        String item = item(100, 1_000, Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(1, ChronoUnit.DAYS));

        List<MockHttpServletResponse> answers = concurrently(100, i -> redeem(item, "k-" + i, 1));

        Map<Integer, Long> byStatus = answers.stream().collect(Collectors.groupingBy(MockHttpServletResponse::getStatus, Collectors.counting()));
        assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(201, 60L, 409, 40L));
        assertThat(answers).filteredOn(a -> a.getStatus() == 409)
                .allSatisfy(a -> assertThat(json(a, "$.code")).isEqualTo("insufficient-balance"));
        assertThat(balance()).isZero();
        assertThat(jdbc.queryForObject("SELECT stock FROM catalogue_item WHERE id = ?::uuid", Integer.class, item)).isEqualTo(940);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry WHERE community_id = ? AND household_id = ? AND kind = 'REDEMPTION'",
                Long.class, community, household)).isEqualTo(60);
        assertChainIntact(61);
        // the next checkpoint seals the account's chain, debits and all
        checkpoints.checkpoint();
        assertThat(jdbc.queryForObject("SELECT max(chain_length) FROM ledger_checkpoint_head WHERE community_id = ? AND household_id = ?",
                Long.class, community, household)).isEqualTo(61);
    }

    @Test
    void concurrentRedemptionsNeverTakeTheStockBelowZero() throws Exception {
        earn(10_000);
        String item = item(10, 5, Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(1, ChronoUnit.DAYS));

        List<MockHttpServletResponse> answers = concurrently(20, i -> redeem(item, "s-" + i, 1));

        assertThat(answers).filteredOn(a -> a.getStatus() == 201).hasSize(5);
        assertThat(answers).filteredOn(a -> a.getStatus() == 409)
                .hasSize(15).allSatisfy(a -> assertThat(json(a, "$.code")).isEqualTo("out-of-stock"));
        assertThat(balance()).isEqualTo(10_000 - 50);
        assertThat(jdbc.queryForObject("SELECT stock FROM catalogue_item WHERE id = ?::uuid", Integer.class, item)).isZero();
    }

    @Test
    void concurrentRedemptionsOfOneAccountEachGetTheirOwnAnswer() throws Exception {
        // Debits of one account queued together are written in one transaction (group commit); each still gets its own answer.
        earn(1_020);
        String rice = item(100, 1_000, Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(1, ChronoUnit.DAYS));
        String soap = item(10, 2, Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(1, ChronoUnit.DAYS));

        // 12 rice with their own keys, 4 rice with one key, 5 soap (2 in stock): 1,020 credits cover 10 rice and 2 soap
        // in whatever order they come, never an 11th rice
        List<MockHttpServletResponse> answers = concurrently(21, i -> i < 12 ? redeem(rice, "rice-" + i, 1)
                : i < 16 ? redeem(rice, "dup", 1) : redeem(soap, "soap-" + i, 1));

        List<MockHttpServletResponse> riceAlone = answers.subList(0, 12);
        List<MockHttpServletResponse> dup = answers.subList(12, 16);
        List<MockHttpServletResponse> soaps = answers.subList(16, 21);
        assertThat(soaps).filteredOn(a -> a.getStatus() == 201).hasSize(2);
        assertThat(soaps).filteredOn(a -> a.getStatus() == 409).hasSize(3)
                .allSatisfy(a -> assertThat(json(a, "$.code")).isEqualTo("out-of-stock"));
        long dupReceipts;
        if (dup.stream().anyMatch(a -> a.getStatus() == 201)) {
            // one request with the key debited; the three others answer its receipt
            assertThat(dup).filteredOn(a -> a.getStatus() == 201).hasSize(1);
            assertThat(dup).filteredOn(a -> a.getStatus() == 200).hasSize(3)
                    .allSatisfy(a -> assertThat(a.getHeader("Idempotent-Replayed")).isEqualTo("true"));
            assertThat(dup.stream().map(a -> text(a)).distinct()).hasSize(1);
            dupReceipts = 1;
        }
        else {
            assertThat(dup).allSatisfy(a -> assertThat(json(a, "$.code")).isEqualTo("insufficient-balance"));
            dupReceipts = 0;
        }
        assertThat(riceAlone).filteredOn(a -> a.getStatus() == 201).hasSize((int) (10 - dupReceipts));
        assertThat(riceAlone).filteredOn(a -> a.getStatus() == 409).hasSize((int) (2 + dupReceipts))
                .allSatisfy(a -> assertThat(json(a, "$.code")).isEqualTo("insufficient-balance"));
        assertThat(answers).allSatisfy(a -> assertThat(a.getStatus()).isIn(200, 201, 409));

        assertThat(balance()).isZero();
        assertThat(jdbc.queryForObject("SELECT stock FROM catalogue_item WHERE id = ?::uuid", Integer.class, rice)).isEqualTo(990);
        assertThat(jdbc.queryForObject("SELECT stock FROM catalogue_item WHERE id = ?::uuid", Integer.class, soap)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM redemption WHERE community_id = ? AND household_id = ?",
                Long.class, community, household)).isEqualTo(12);
        assertThat(jdbc.queryForObject("SELECT min(balance_after) FROM ledger_entry WHERE community_id = ? AND household_id = ?",
                Long.class, community, household)).isZero();
        // each receipt's balance is its own entry's: the entries' balances run down one by one along the chain
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM redemption r JOIN ledger_entry e ON e.id = r.entry_id
                WHERE r.community_id = ? AND r.household_id = ? AND e.balance_after = r.balance_after AND e.amount = -r.credits""",
                Long.class, community, household)).isEqualTo(12);
        assertChainIntact(13);
    }

    @Test
    void aRepeatedRequestDebitsOnce() throws Exception {
        earn(1_000);
        String item = item(300, 10, Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(1, ChronoUnit.DAYS));

        MockHttpServletResponse first = redeem(item, "same-key", 1);
        MockHttpServletResponse again = redeem(item, "same-key", 1);
        List<MockHttpServletResponse> racing = concurrently(10, i -> redeem(item, "racing-key", 1));

        assertThat(first.getStatus()).isEqualTo(201);
        assertThat(again.getStatus()).isEqualTo(200);
        assertThat(again.getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(json(again, "$.id")).isEqualTo(json(first, "$.id"));
        assertThat(json(again, "$.balanceAfter")).isEqualTo(700);
        assertThat(racing).filteredOn(a -> a.getStatus() == 201).hasSize(1);
        assertThat(racing).filteredOn(a -> a.getStatus() == 200).hasSize(9);
        assertThat(balance()).isEqualTo(400);
        assertThat(redeem(item, "same-key", 2).getStatus()).isEqualTo(409);
        assertThat(balance()).isEqualTo(400);
    }

    @Test
    void refusalsAreProblemsAPhoneCanShow() throws Exception {
        earn(250);
        String dear = item(5_000, 10, Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(1, ChronoUnit.DAYS));
        String expired = item(10, 10, Instant.now().minus(10, ChronoUnit.DAYS), Instant.now().minus(1, ChronoUnit.DAYS));

        MockHttpServletResponse poor = redeem(dear, "poor", 1);
        assertThat(poor.getStatus()).isEqualTo(409);
        assertThat(poor.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(json(poor, "$.code")).isEqualTo("insufficient-balance");
        assertThat(json(poor, "$.balance")).isEqualTo(250);
        assertThat(json(poor, "$.price")).isEqualTo(5_000);
        MockHttpServletResponse late = redeem(expired, "late", 1);
        assertThat(late.getStatus()).isEqualTo(422);
        assertThat(json(late, "$.code")).isEqualTo("outside-validity-window");
        assertThat(redeem(UUID.randomUUID().toString(), "nothing", 1).getStatus()).isEqualTo(404);
        assertThat(redeem(dear, "bad key!", 1).getStatus()).isEqualTo(400);
        assertThat(redeem(dear, "none", 0).getStatus()).isEqualTo(400);
        // the household is the caller's: a body naming one is refused, not obeyed
        assertThat(tester.post().uri("/api/credits/me/redemptions").header(HttpHeaders.AUTHORIZATION, resident)
                .header("Idempotency-Key", "mass-assignment").contentType(MediaType.APPLICATION_JSON)
                .content("{\"itemId\":\"" + dear + "\",\"householdId\":\"hh-rich\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("householdId"));
        // another community's resident cannot redeem this community's items
        assertThat(mvc.perform(post("/api/credits/me/redemptions")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident("elsewhere", household)))
                        .header("Idempotency-Key", "elsewhere").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"itemId\":\"" + dear + "\"}")).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(balance()).isEqualTo(250);
        assertThat(jdbc.queryForObject("SELECT stock FROM catalogue_item WHERE id = ?::uuid", Integer.class, dear)).isEqualTo(10);
    }

    @Test
    void theManagerReversesARedemptionOnceAsANewEntry() throws Exception {
        earn(1_000);
        String item = item(400, 3, Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(1, ChronoUnit.DAYS));
        String redemption = text(redeem(item, "to-reverse", 2), "$.id");
        String reversal = "/api/credits/communities/" + community + "/redemptions/" + redemption + "/reversal";

        assertThat(tester.post().uri(reversal).header(HttpHeaders.AUTHORIZATION, resident)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"I changed my mind\"}"))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(tester.post().uri(reversal).header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"merchant could not deliver\"}"))
                .hasStatus(HttpStatus.CREATED).bodyJson()
                .hasPathSatisfying("$.credits", v -> v.assertThat().isEqualTo(800))
                .hasPathSatisfying("$.balanceAfter", v -> v.assertThat().isEqualTo(1_000));
        assertThat(tester.post().uri(reversal).header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"merchant could not deliver\"}"))
                .hasStatusOk().hasHeader("Idempotent-Replayed", "true");

        assertThat(balance()).isEqualTo(1_000);
        assertThat(jdbc.queryForObject("SELECT stock FROM catalogue_item WHERE id = ?::uuid", Integer.class, item)).isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT kind FROM ledger_entry WHERE community_id = ? AND household_id = ? ORDER BY account_seq",
                String.class, community, household)).containsExactly("REDUCTION_AWARD", "REDEMPTION", "REDEMPTION_REVERSAL");
        assertThat(tester.get().uri("/api/credits/me/redemptions").header(HttpHeaders.AUTHORIZATION, resident))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.items[0].id", v -> v.assertThat().isEqualTo(redemption))
                .hasPathSatisfying("$.items[0].reversedAt", v -> v.assertThat().isNotNull());
        assertThat(tester.get().uri("/api/credits/me").header(HttpHeaders.AUTHORIZATION, resident))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.balance", v -> v.assertThat().isEqualTo(1_000))
                .hasPathSatisfying("$.earnedTotal", v -> v.assertThat().isEqualTo(1_000))
                .hasPathSatisfying("$.recentEntries[0].kind", v -> v.assertThat().isEqualTo("REDEMPTION_REVERSAL"))
                .hasPathSatisfying("$.recentEntries[0].amount", v -> v.assertThat().isEqualTo(800))
                .hasPathSatisfying("$.recentEntries[1].amount", v -> v.assertThat().isEqualTo(-800));
        assertChainIntact(3);
        try (var published = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(), CreditsTopics.REDEMPTIONS)) {
            for (String action : List.of(CreditsRedeemed.REDEEMED, CreditsRedeemed.REVERSED)) {
                CreditsRedeemed event = codec.decode(published.await(r -> household.equals(r.key())
                        && KafkaTestConsumer.value(r).contains("\"" + action + "\""), Duration.ofSeconds(20)).value(), CreditsRedeemed.class);
                assertThat(event.redemptionId().toString()).isEqualTo(redemption);
                assertThat(event.credits().value()).isEqualByComparingTo("800");
                assertThat(event.balance().value()).isEqualByComparingTo(action.equals(CreditsRedeemed.REDEEMED) ? "200" : "1000");
            }
        }
    }

    @Test
    void theServiceCannotEditNorDeleteARedemptionOrItsReversal() throws Exception {
        earn(100);
        String item = item(10, 3, Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(1, ChronoUnit.DAYS));
        String redemption = text(redeem(item, "kept", 1), "$.id");

        for (String change : List.of("UPDATE redemption SET credits = 1 WHERE id = ?::uuid", "DELETE FROM redemption WHERE id = ?::uuid",
                "DELETE FROM redemption_reversal WHERE redemption_id = ?::uuid")) {
            assertThat(catchThrowable(() -> jdbc.update(change, redemption))).as(change).rootCause()
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        }
        assertThat(jdbc.queryForObject("SELECT credits FROM redemption WHERE id = ?::uuid", Long.class, redemption)).isEqualTo(10);
    }

    @Test
    void residentsSeeOnlyTheItemsTheyCanRedeemNow() throws Exception {
        String current = item(10, 1, Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(1, ChronoUnit.DAYS));
        item(10, 1, Instant.now().plus(1, ChronoUnit.DAYS), Instant.now().plus(2, ChronoUnit.DAYS));

        assertThat(tester.get().uri("/api/credits/communities/{c}/catalogue", community).header(HttpHeaders.AUTHORIZATION, resident))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.items[0].id", v -> v.assertThat().isEqualTo(current));
        assertThat(tester.get().uri("/api/credits/communities/{c}/catalogue", community).header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(2));
        assertThat(tester.post().uri("/api/credits/communities/{c}/catalogue", community).header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"kind":"PROPERTY_FEE","nameZh":"物业费抵扣","nameEn":"Property fee","price":1000,"stock":5,
                         "validFrom":"2026-12-01T00:00:00Z","validUntil":"2026-11-01T00:00:00Z"}"""))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("validUntil"));
    }

    private void earn(long credits) {
        // 1 credit per gram of CO2e: credits g CO2e from credits / 0.2 g of sorted waste
        BigDecimal co2eKg = BigDecimal.valueOf(credits).movePointLeft(3);
        ledger.award(List.of(new CarbonReductionRecorded(UUID.randomUUID(), 1, community, Instant.parse("2026-11-22T07:30:00Z"),
                household, ReductionBehaviour.SORTED_PERISHABLE_WASTE, Quantity.of(co2eKg.multiply(BigDecimal.valueOf(5)), Unit.KG),
                Quantity.of(co2eKg, Unit.KG_CO2E), "wuhan-pilot", UUID.randomUUID())));
        assertThat(balance()).isEqualTo(credits);
    }

    private String item(long price, int stock, Instant from, Instant until) throws Exception {
        MockHttpServletResponse created = mvc.perform(post("/api/credits/communities/{c}/catalogue", community)
                .header(HttpHeaders.AUTHORIZATION, manager).contentType(MediaType.APPLICATION_JSON).content("""
                        {"kind":"MERCHANT_GOODS","nameZh":"五常大米","nameEn":"Wuchang rice","price":%d,"stock":%d,
                         "validFrom":"%s","validUntil":"%s"}""".formatted(price, stock, shanghai(from), shanghai(until))))
                .andReturn().getResponse();
        assertThat(created.getStatus()).isEqualTo(201);
        return text(created, "$.id");
    }

    /** As a phone in the community's time zone writes it, 2026-12-02T10:15:00.123+08:00. */
    private static String shanghai(Instant instant) {
        return instant.atOffset(ZoneOffset.ofHours(8)).toString();
    }

    private MockHttpServletResponse redeem(String item, String key, int quantity) throws Exception {
        return mvc.perform(post("/api/credits/me/redemptions").header(HttpHeaders.AUTHORIZATION, resident)
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                .content("{\"itemId\":\"" + item + "\",\"quantity\":" + quantity + "}")).andReturn().getResponse();
    }

    private long balance() {
        return jdbc.queryForObject("SELECT coalesce(max(balance), 0) FROM credit_account WHERE community_id = ? AND household_id = ?",
                Long.class, community, household);
    }

    private void assertChainIntact(int entries) {
        assertThat(tester.get().uri("/api/credits/communities/{c}/households/{h}/ledger/verification", community, household)
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.intact", v -> v.assertThat().isEqualTo(true))
                .hasPathSatisfying("$.entriesChecked", v -> v.assertThat().isEqualTo(entries));
    }

    @FunctionalInterface
    private interface Call {
        MockHttpServletResponse call(int i) throws Exception;
    }

    private static List<MockHttpServletResponse> concurrently(int calls, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<MockHttpServletResponse>> tasks = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                int n = i;
                tasks.add(() -> call.call(n));
            }
            List<MockHttpServletResponse> answers = new ArrayList<>();
            for (Future<MockHttpServletResponse> answer : pool.invokeAll(tasks)) {
                answers.add(answer.get());
            }
            return answers;
        }
        finally {
            pool.shutdown();
        }
    }

    private static Object json(MockHttpServletResponse response, String path) throws Exception {
        return JsonPath.read(response.getContentAsString(StandardCharsets.UTF_8), path);
    }

    private static String text(MockHttpServletResponse response) {
        try {
            return text(response, "$.id");
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(MockHttpServletResponse response, String path) throws Exception {
        return String.valueOf(json(response, path));
    }
}
