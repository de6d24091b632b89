package org.communitycarbon.credits.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
import org.communitycarbon.credits.ledger.Ledger;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.communitycarbon.model.credits.CreditsTopics;
import org.communitycarbon.model.credits.MerchantDebited;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.model.security.TokenClaims;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

/**
 * A merchant scans a household's code and debits it: once per Idempotency-Key however often it is sent, never below
 * zero however many tills debit at once, with a receipt that names the household's pseudonym and never its balance;
 * the merchant cannot read the household's history; a debit is reversed as a new entry.
 */
@CreditsServiceTest
class MerchantDebitIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventCodec codec;

    private final String community = "c-" + UUID.randomUUID();
    private final String household = "hh-" + UUID.randomUUID();
    private final String resident = TestTokens.bearer(TestTokens.resident(community, household));
    private final String manager = TestTokens.bearer(TestTokens.propertyManager(community));
    private final String merchantUser = "till-" + UUID.randomUUID();
    private final String merchant = TestTokens.bearer(TestTokens.sign(merchantUser, Map.of(TokenClaims.ROLES, List.of(Role.MERCHANT.name()))));
    private String code;

    @BeforeEach
    void anOnboardedMerchantAndAHouseholdCode() throws Exception {
        onboard("Corner shop", merchantUser);
        MvcTestResult fetched = mvc.get().uri("/api/credits/me/household-code").header(HttpHeaders.AUTHORIZATION, resident).exchange();
        code = JsonPath.read(body(fetched), "$.code");
    }

    @Test
    void aDuplicatedMerchantDebitDebitsOnce() throws Exception {
        earn(1_000);

        MvcTestResult first = debit("{\"code\":\"" + code + "\",\"amount\":300}", "till-1-0001");
        MvcTestResult again = debit("{\"code\":\"" + code + "\",\"amount\":300}", "till-1-0001");
        List<Integer> racing = concurrently(10, i -> debit("{\"code\":\"" + code + "\",\"amount\":300}", "till-1-0002"));

        assertThat(first).hasStatus(HttpStatus.CREATED);
        assertThat(again).hasStatusOk().hasHeader("Idempotent-Replayed", "true");
        assertThat((String) JsonPath.read(body(again), "$.id")).isEqualTo(JsonPath.read(body(first), "$.id"));
        assertThat(racing).filteredOn(status -> status == 201).hasSize(1);
        assertThat(racing).filteredOn(status -> status == 200).hasSize(9);
        assertThat(balance()).isEqualTo(400);
        assertThat(debit("{\"code\":\"" + code + "\",\"amount\":299}", "till-1-0001")).hasStatus(HttpStatus.CONFLICT);
        assertThat(balance()).isEqualTo(400);
    }

    @Test
    void concurrentMerchantDebitsNeverOverdraw() throws Exception {
        earn(3_000);

        List<Integer> answers = concurrently(50, i -> debit("{\"code\":\"" + code + "\",\"amount\":100}", "c-" + i));

        assertThat(answers.stream().collect(Collectors.groupingBy(status -> status, Collectors.counting())))
                .containsExactlyInAnyOrderEntriesOf(Map.of(201, 30L, 409, 20L));
        assertThat(balance()).isZero();
        assertThat(mvc.get().uri("/api/credits/communities/{c}/households/{h}/ledger/verification", community, household)
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.intact", v -> v.assertThat().isEqualTo(true))
                .hasPathSatisfying("$.entriesChecked", v -> v.assertThat().isEqualTo(31));
    }

    @Test
    void aMerchantSeesItsReceiptsButNeverTheHouseholdsBalanceOrHistory() throws Exception {
        earn(500);

        MvcTestResult debited = debit("{\"code\":\"" + code + "\",\"amount\":200}", "k-1");
        assertThat(debited).hasStatus(HttpStatus.CREATED).bodyJson()
                .hasPathSatisfying("$.amount", v -> v.assertThat().isEqualTo(200))
                .hasPathSatisfying("$.merchantName", v -> v.assertThat().isEqualTo("Corner shop"))
                .hasPathSatisfying("$.householdRef", v -> v.assertThat().asString().matches("HH-[0-9A-F]{8}"));
        assertThat(body(debited)).doesNotContain(household).doesNotContain("balance");
        MvcTestResult poor = debit("{\"code\":\"" + code + "\",\"amount\":301}", "k-2");
        assertThat(poor).hasStatus(HttpStatus.CONFLICT).bodyJson()
                .hasPathSatisfying("$.code", v -> v.assertThat().isEqualTo("insufficient-balance"));
        assertThat(body(poor)).doesNotContain("300").doesNotContain("\"balance\"");

        assertThat(mvc.get().uri("/api/credits/merchant/debits").header(HttpHeaders.AUTHORIZATION, merchant))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(1));
        for (String history : List.of("/api/credits/communities/" + community + "/households/" + household,
                "/api/credits/communities/" + community + "/households/" + household + "/ledger", "/api/credits/me",
                "/api/credits/me/redemptions", "/api/credits/communities/" + community + "/summary")) {
            assertThat(mvc.get().uri(history).header(HttpHeaders.AUTHORIZATION, merchant)).as(history).hasStatus(HttpStatus.FORBIDDEN);
        }
        // the household sees the debit in its own ledger
        assertThat(mvc.get().uri("/api/credits/me").header(HttpHeaders.AUTHORIZATION, resident)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.recentEntries[0].kind", v -> v.assertThat().isEqualTo("MERCHANT_DEBIT"))
                .hasPathSatisfying("$.recentEntries[0].amount", v -> v.assertThat().isEqualTo(-200));
    }

    @Test
    void aMerchantDebitsByTheReferenceOfAResolutionAndRefundsAsANewEntry() throws Exception {
        earn(500);
        String reference = JsonPath.read(body(mvc.post().uri("/api/credits/household-codes/resolve").header(HttpHeaders.AUTHORIZATION, merchant)
                .contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"" + code + "\"}").exchange()), "$.reference");

        MvcTestResult debited = debit("{\"reference\":\"" + reference + "\",\"amount\":150}", "ref-1");
        assertThat(debited).hasStatus(HttpStatus.CREATED);
        String debitId = JsonPath.read(body(debited), "$.id");
        // the reference is the user's who resolved it: another merchant's user of the community cannot use it
        String other = onboard("Bakery", "till-" + UUID.randomUUID());
        assertThat(mvc.post().uri("/api/credits/merchant/debits").header(HttpHeaders.AUTHORIZATION, other).header("Idempotency-Key", "ref-1")
                .contentType(MediaType.APPLICATION_JSON).content("{\"reference\":\"" + reference + "\",\"amount\":150}"))
                .hasStatus(HttpStatus.NOT_FOUND);
        assertThat(balance()).isEqualTo(350);

        assertThat(mvc.post().uri("/api/credits/merchant/debits/{d}/reversal", debitId).header(HttpHeaders.AUTHORIZATION, merchant)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"goods returned\"}"))
                .hasStatus(HttpStatus.CREATED).bodyJson().hasPathSatisfying("$.reversedAt", v -> v.assertThat().isNotNull());
        assertThat(mvc.post().uri("/api/credits/communities/{c}/merchant-debits/{d}/reversal", community, debitId)
                .header(HttpHeaders.AUTHORIZATION, manager).contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"again\"}"))
                .hasStatusOk().hasHeader("Idempotent-Replayed", "true");
        assertThat(balance()).isEqualTo(500);
        assertThat(jdbc.queryForList("SELECT kind FROM ledger_entry WHERE community_id = ? AND household_id = ? ORDER BY account_seq",
                String.class, community, household)).containsExactly("REDUCTION_AWARD", "MERCHANT_DEBIT", "MERCHANT_DEBIT_REVERSAL");
    }

    @Test
    void aDebitAndItsReversalArePublishedOnceEachHoweverOftenTheyAreAsked() throws Exception {
        earn(1_000);
        String merchantId = JsonPath.read(body(mvc.get().uri("/api/credits/merchant").header(HttpHeaders.AUTHORIZATION, merchant)
                .exchange()), "$.id");

        MvcTestResult debited = debit("{\"code\":\"" + code + "\",\"amount\":250}", "events-1");
        assertThat(debited).hasStatus(HttpStatus.CREATED);
        assertThat(debit("{\"code\":\"" + code + "\",\"amount\":250}", "events-1")).hasStatusOk();
        assertThat(concurrently(5, i -> debit("{\"code\":\"" + code + "\",\"amount\":250}", "events-1"))).containsOnly(200);
        String debitId = JsonPath.read(body(debited), "$.id");
        String householdRef = JsonPath.read(body(debited), "$.householdRef");
        assertThat(mvc.post().uri("/api/credits/merchant/debits/{d}/reversal", debitId).header(HttpHeaders.AUTHORIZATION, merchant)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"refund\"}")).hasStatus(HttpStatus.CREATED);
        assertThat(mvc.post().uri("/api/credits/merchant/debits/{d}/reversal", debitId).header(HttpHeaders.AUTHORIZATION, merchant)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"refund\"}")).hasStatusOk();
        assertThat(mvc.post().uri("/api/credits/communities/{c}/merchant-debits/{d}/reversal", community, debitId)
                .header(HttpHeaders.AUTHORIZATION, manager).contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"again\"}"))
                .hasStatusOk();
        assertThat(balance()).isEqualTo(1_000);

        try (var published = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(),
                CreditsTopics.MERCHANT_DEBITS)) {
            for (String action : List.of(MerchantDebited.DEBITED, MerchantDebited.REVERSED)) {
                published.await(r -> KafkaTestConsumer.value(r).contains(debitId) && KafkaTestConsumer.value(r).contains("\"" + action + "\""),
                        Duration.ofSeconds(20));
            }
            // whatever else the outbox would still send has had time to arrive
            List<MerchantDebited> events = published.drain(Duration.ofSeconds(3)).stream()
                    .filter(r -> KafkaTestConsumer.value(r).contains(debitId))
                    .peek(r -> assertThat(r.key()).as("keyed by merchant").isEqualTo(merchantId))
                    .map(r -> codec.decode(r.value(), MerchantDebited.class))
                    .toList();
            assertThat(events).extracting(MerchantDebited::action).containsExactly(MerchantDebited.DEBITED, MerchantDebited.REVERSED);
            UUID debit = UUID.fromString(debitId);
            assertThat(events).extracting(MerchantDebited::eventId).containsExactly(EventIds.derived(debit, "merchant-debited"),
                    EventIds.derived(debit, "merchant-debit-reversed"));
            assertThat(events).extracting(MerchantDebited::ledgerEntryId).containsExactly(EventIds.derived(debit, "ledger-entry"),
                    EventIds.derived(debit, "reversal-ledger-entry"));
            assertThat(events).allSatisfy(event -> {
                assertThat(event.merchantId().toString()).isEqualTo(merchantId);
                assertThat(event.communityId()).isEqualTo(community);
                assertThat(event.householdRef()).isEqualTo(householdRef);
                assertThat(event.amount().value()).isEqualByComparingTo("250");
                assertThat(event.actor()).isEqualTo(merchantUser);
            });
            assertThat(jdbc.queryForList("SELECT id FROM ledger_entry WHERE source_event_id IN (?::uuid, ?::uuid) ORDER BY account_seq",
                    UUID.class, debitId, EventIds.derived(debit, "reversal").toString()))
                    .containsExactly(events.get(0).ledgerEntryId(), events.get(1).ledgerEntryId());
            assertThat(published.drain(Duration.ZERO).stream().map(KafkaTestConsumer::value))
                    .as("no event names the household id").noneMatch(value -> value.contains(household));
        }
    }

    @Test
    void aRevokedCodeOrAnotherCommunitysCodeCannotBeDebited() throws Exception {
        earn(500);
        String neighbourCode = JsonPath.read(body(mvc.get().uri("/api/credits/me/household-code")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident("elsewhere", household))).exchange()), "$.code");
        assertThat(mvc.post().uri("/api/credits/me/household-code/revocation").header(HttpHeaders.AUTHORIZATION, resident)).hasStatusOk();

        assertThat(debit("{\"code\":\"" + code + "\",\"amount\":10}", "revoked")).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(debit("{\"code\":\"" + neighbourCode + "\",\"amount\":10}", "elsewhere")).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(debit("{\"amount\":10}", "no-code")).hasStatus(HttpStatus.BAD_REQUEST);
        // a resident cannot debit anyone, not even with a neighbour's code
        assertThat(mvc.post().uri("/api/credits/merchant/debits").header(HttpHeaders.AUTHORIZATION,
                        TestTokens.bearer(TestTokens.resident(community, "hh-neighbour")))
                .header("Idempotency-Key", "resident").contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"" + code + "\",\"amount\":10}")).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(balance()).isEqualTo(500);
    }

    /** Onboards a merchant of the community with one user; returns the user's bearer token. */
    private String onboard(String name, String user) throws Exception {
        MvcTestResult onboarded = mvc.post().uri("/api/credits/communities/{c}/merchants", community).header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + name + "\"}").exchange();
        assertThat(onboarded).hasStatus(HttpStatus.CREATED);
        String merchantId = JsonPath.read(body(onboarded), "$.id");
        assertThat(mvc.post().uri("/api/credits/communities/{c}/merchants/{m}/users", community, merchantId)
                .header(HttpHeaders.AUTHORIZATION, manager).contentType(MediaType.APPLICATION_JSON)
                .content("{\"subject\":\"" + user + "\",\"name\":\"Cashier Wang\"}")).hasStatusOk();
        return TestTokens.bearer(TestTokens.sign(user, Map.of(TokenClaims.ROLES, List.of(Role.MERCHANT.name()))));
    }

    private MvcTestResult debit(String body, String key) {
        return mvc.post().uri("/api/credits/merchant/debits").header(HttpHeaders.AUTHORIZATION, merchant)
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private void earn(long credits) {
        BigDecimal co2eKg = BigDecimal.valueOf(credits).movePointLeft(3);
        ledger.award(List.of(new CarbonReductionRecorded(UUID.randomUUID(), 1, community, Instant.parse("2026-11-22T07:30:00Z"),
                household, ReductionBehaviour.SORTED_PERISHABLE_WASTE, Quantity.of(co2eKg.multiply(BigDecimal.valueOf(5)), Unit.KG),
                Quantity.of(co2eKg, Unit.KG_CO2E), "wuhan-pilot", UUID.randomUUID())));
        assertThat(balance()).isEqualTo(credits);
    }

    private long balance() {
        return jdbc.queryForObject("SELECT coalesce(max(balance), 0) FROM credit_account WHERE community_id = ? AND household_id = ?",
                Long.class, community, household);
    }

    private static String body(MvcTestResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface Call {
        MvcTestResult call(int i) throws Exception;
    }

    private static List<Integer> concurrently(int calls, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                int n = i;
                tasks.add(() -> call.call(n).getResponse().getStatus());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : pool.invokeAll(tasks)) {
                statuses.add(answer.get());
            }
            return statuses;
        }
        finally {
            pool.shutdown();
        }
    }
}
