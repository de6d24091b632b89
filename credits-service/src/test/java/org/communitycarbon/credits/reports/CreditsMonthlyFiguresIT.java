package org.communitycarbon.credits.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.credits.CreditsServiceTest;
import org.communitycarbon.credits.ledger.Ledger;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.communitycarbon.model.recycling.PickupSettled;
import org.communitycarbon.model.recycling.SettledItem;
import org.communitycarbon.model.recycling.Settlement;
import org.communitycarbon.model.registry.CommunityChanged;
import org.communitycarbon.model.registry.CommunityType;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.model.reports.MonthlyFigure;
import org.communitycarbon.model.reports.MonthlyFiguresPublished;
import org.communitycarbon.model.reports.ReportSource;
import org.communitycarbon.model.reports.ReportTopics;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.model.security.TokenClaims;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.support.reports.MonthlyFiguresPublisher;
import org.communitycarbon.support.reports.MonthlyFiguresSource;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

/**
 * The credits figures of a community's month in Asia/Shanghai, counted by hand; the community's time zone is the
 * registry's; a count without change publishes nothing, and a change publishes revision 2.
 * <ul>
 * <li>Credits issued are counted in a fixed past month (March 2025), not the running month, as
 * AccountingMonthlyFiguresIT and SensingMonthlyFiguresIT do, so the test means the same at any time of the calendar,
 * a month's first seconds included: awards and settlements carry their own time, so they are placed in the month, the
 * hour before it and the first instant after it. A past month is counted whole and published complete.</li>
 * <li>Credits redeemed — on the catalogue and at a merchant, less what was reversed — can only be counted in the running
 * month: a redemption, a merchant's debit and their reversals are dated by the database's clock when they are made,
 * and the ledger is append-only, so none can be placed in a past month. That test runs within one month of the
 * database's clock: it first waits out a month's last two minutes, should it start in them.</li>
 * </ul>
 */
@CreditsServiceTest
class CreditsMonthlyFiguresIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final YearMonth PAST_MONTH = YearMonth.of(2025, 3);

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Ledger ledger;

    @Autowired
    MonthlyFiguresPublisher publisher;

    @Autowired
    MonthlyFiguresSource source;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    private final String community = "c-" + UUID.randomUUID();
    private final String household = "hh-" + UUID.randomUUID();
    private final String resident = TestTokens.bearer(TestTokens.resident(community, household));
    private final String manager = TestTokens.bearer(TestTokens.propertyManager(community));
    private final String merchantUser = "till-" + UUID.randomUUID();
    private final String merchant = TestTokens.bearer(TestTokens.sign(merchantUser, Map.of(TokenClaims.ROLES, List.of(Role.MERCHANT.name()))));

    @Test
    void publishesTheCreditsIssuedInAPastMonthOnceAndAgainWhenTheyChange() throws Exception {
        registerInShanghai();
        YearMonth month = PAST_MONTH;
        Instant start = month.atDay(1).atStartOfDay(SHANGHAI).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(SHANGHAI).toInstant();
        // 1,000 credits for a reduction minutes after the month's first midnight and 960 for a pickup settled in credits
        // in its last minute; not counted: 400 for a reduction of the month before's last hour, 250 for one at the next
        // month's first instant
        award(household, start.plus(5, ChronoUnit.MINUTES), 1_000);
        settle(household, end.minusSeconds(30));
        award("hh-neighbour", start.minus(1, ChronoUnit.HOURS), 400);
        award("hh-neighbour", end, 250);

        try (var published = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(),
                ReportTopics.MONTHLY_FIGURES)) {
            MonthlyFiguresPublisher.Publication first = publisher.publish(community, SHANGHAI, month);
            assertThat(first.published()).isTrue();
            assertThat(first.revision()).isEqualTo(1);
            MonthlyFiguresPublished one = revision(published, 1);
            assertThat(one.source()).isEqualTo(ReportSource.CREDITS);
            assertThat(one.month()).isEqualTo("2025-03");
            assertThat(one.zone()).isEqualTo("Asia/Shanghai");
            assertThat(one.complete()).as("a past month is counted whole").isTrue();
            assertThat(values(one)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "credits.issued", "1960 CREDIT",
                    "credits.redeemed", "0 CREDIT"));

            assertThat(publisher.publish(community, SHANGHAI, month).published()).as("nothing changed").isFalse();

            // a reduction of the month that reaches the ledger late
            award("hh-neighbour", month.atDay(14).atTime(10, 0).atZone(SHANGHAI).toInstant(), 40);
            assertThat(publisher.publish(community, SHANGHAI, month).revision()).isEqualTo(2);
            assertThat(values(revision(published, 2))).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "credits.issued", "2000 CREDIT",
                    "credits.redeemed", "0 CREDIT"));
            assertThat(published.drain(Duration.ofSeconds(1)).stream().filter(r -> community.equals(r.key()))).hasSize(2);
        }
    }

    @Test
    void publishesTheCreditsRedeemedThisMonthLessWhatWasReversedOnceAndAgainWhenTheyChange() throws Exception {
        registerInShanghai();
        // the scenario runs within one month of the database's clock, which dates redemptions and debits
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(5)).until(() -> {
            Instant now = jdbc.queryForObject("SELECT now()", Timestamp.class).toInstant();
            Instant monthEnds = YearMonth.from(now.atZone(SHANGHAI)).plusMonths(1).atDay(1).atStartOfDay(SHANGHAI).toInstant();
            return now.plus(Duration.ofMinutes(2)).isBefore(monthEnds);
        });
        YearMonth month = YearMonth.from(jdbc.queryForObject("SELECT now()", Timestamp.class).toInstant().atZone(SHANGHAI));
        Instant start = month.atDay(1).atStartOfDay(SHANGHAI).toInstant();
        // 1,000 credits this month; 400 to a neighbour for a reduction of last month's last hour
        award(household, Instant.now(), 1_000);
        award("hh-neighbour", start.minus(1, ChronoUnit.HOURS), 400);
        // spent: 300 on rice, 300 more given back by the property manager, 150 at the corner shop
        String rice = item(300);
        assertThat(redeem(rice, "rice-1")).hasStatus(HttpStatus.CREATED);
        String reversed = JsonPath.read(body(redeem(rice, "rice-2")), "$.id");
        assertThat(mvc.post().uri("/api/credits/communities/{c}/redemptions/{r}/reversal", community, reversed)
                .header(HttpHeaders.AUTHORIZATION, manager).contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"out of rice\"}"))
                .hasStatus(HttpStatus.CREATED);
        onboardMerchant();
        String code = JsonPath.read(body(mvc.get().uri("/api/credits/me/household-code").header(HttpHeaders.AUTHORIZATION, resident)
                .exchange()), "$.code");
        MvcTestResult debited = mvc.post().uri("/api/credits/merchant/debits").header(HttpHeaders.AUTHORIZATION, merchant)
                .header("Idempotency-Key", "shop-1").contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"" + code + "\",\"amount\":150}").exchange();
        assertThat(debited).hasStatus(HttpStatus.CREATED);

        try (var published = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(),
                ReportTopics.MONTHLY_FIGURES)) {
            MonthlyFiguresPublisher.Publication first = publisher.publish(community, SHANGHAI, month);
            assertThat(first.published()).isTrue();
            assertThat(first.revision()).isEqualTo(1);
            MonthlyFiguresPublished one = revision(published, 1);
            assertThat(one.source()).isEqualTo(ReportSource.CREDITS);
            assertThat(one.month()).isEqualTo(month.toString());
            assertThat(one.zone()).isEqualTo("Asia/Shanghai");
            assertThat(values(one)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "credits.issued", "1000 CREDIT",
                    "credits.redeemed", "450 CREDIT"));

            assertThat(publisher.publish(community, SHANGHAI, month).published()).as("nothing changed").isFalse();

            assertThat(mvc.post().uri("/api/credits/merchant/debits/{d}/reversal", (String) JsonPath.read(body(debited), "$.id"))
                    .header(HttpHeaders.AUTHORIZATION, merchant).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"reason\":\"goods returned\"}")).hasStatus(HttpStatus.CREATED);
            assertThat(publisher.publish(community, SHANGHAI, month).revision()).isEqualTo(2);
            assertThat(values(revision(published, 2))).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "credits.issued", "1000 CREDIT",
                    "credits.redeemed", "300 CREDIT"));
            assertThat(published.drain(Duration.ofSeconds(1)).stream().filter(r -> community.equals(r.key()))).hasSize(2);
        }
    }

    private void registerInShanghai() throws Exception {
        kafka.send(RegistryTopics.COMMUNITIES, community, codec.encode(new CommunityChanged(CommunityChanged.eventIdOf(community, 1), 1,
                community, Instant.now(), 1, "Report Court", CommunityType.OLDER, "central-china", "Asia/Shanghai"))).get();
        await().atMost(Duration.ofSeconds(20)).until(() -> source.communities().stream()
                .anyMatch(c -> c.id().equals(community) && c.zone().equals(SHANGHAI)));
    }

    /** A pickup settled in credits at {@code at}: 3.2 kg of paper at 300 credits per kg, 960 credits. */
    private void settle(String householdId, Instant at) {
        UUID pickup = UUID.randomUUID();
        List<SettledItem> items = List.of(new SettledItem("PAPER", Quantity.of("3.2", Unit.KG), new BigDecimal("1.40"), 300));
        assertThat(ledger.paySettlements(List.of(new PickupSettled(PickupSettled.eventIdOf(pickup), 1, community, at, pickup, householdId,
                "green-cycle", Settlement.CREDITS, 1, items, Quantity.of("3.2", Unit.KG), BigDecimal.ZERO,
                Quantity.of(PickupSettled.creditsFor(items), Unit.CREDIT))))).isEqualTo(1);
    }

    private void award(String householdId, Instant at, long credits) {
        // 1 credit per gram of CO2e, from 5 times as much sorted waste
        BigDecimal co2eKg = BigDecimal.valueOf(credits).movePointLeft(3);
        assertThat(ledger.award(List.of(new CarbonReductionRecorded(UUID.randomUUID(), 1, community, at, householdId,
                ReductionBehaviour.SORTED_PERISHABLE_WASTE, Quantity.of(co2eKg.multiply(BigDecimal.valueOf(5)), Unit.KG),
                Quantity.of(co2eKg, Unit.KG_CO2E), "wuhan-pilot", UUID.randomUUID())))).isEqualTo(1);
    }

    private String item(long price) throws Exception {
        Instant now = Instant.now();
        MvcTestResult created = mvc.post().uri("/api/credits/communities/{c}/catalogue", community)
                .header(HttpHeaders.AUTHORIZATION, manager).contentType(MediaType.APPLICATION_JSON).content("""
                        {"kind":"MERCHANT_GOODS","nameZh":"五常大米","nameEn":"Wuchang rice","price":%d,"stock":10,
                         "validFrom":"%s","validUntil":"%s"}""".formatted(price, now.minus(1, ChronoUnit.DAYS).atOffset(ZoneOffset.ofHours(8)),
                        now.plus(1, ChronoUnit.DAYS).atOffset(ZoneOffset.ofHours(8)))).exchange();
        assertThat(created).hasStatus(HttpStatus.CREATED);
        return JsonPath.read(body(created), "$.id");
    }

    private MvcTestResult redeem(String item, String key) {
        return mvc.post().uri("/api/credits/me/redemptions").header(HttpHeaders.AUTHORIZATION, resident).header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).content("{\"itemId\":\"" + item + "\",\"quantity\":1}").exchange();
    }

    private void onboardMerchant() throws Exception {
        MvcTestResult onboarded = mvc.post().uri("/api/credits/communities/{c}/merchants", community).header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Corner shop\"}").exchange();
        assertThat(onboarded).hasStatus(HttpStatus.CREATED);
        assertThat(mvc.post().uri("/api/credits/communities/{c}/merchants/{m}/users", community, (String) JsonPath.read(body(onboarded), "$.id"))
                .header(HttpHeaders.AUTHORIZATION, manager).contentType(MediaType.APPLICATION_JSON)
                .content("{\"subject\":\"" + merchantUser + "\",\"name\":\"Cashier Wang\"}")).hasStatusOk();
    }

    private MonthlyFiguresPublished revision(KafkaTestConsumer published, int revision) {
        ConsumerRecord<String, byte[]> record = published.await(r -> community.equals(r.key())
                && codec.decode(r.value(), MonthlyFiguresPublished.class).revision() == revision, Duration.ofSeconds(20));
        return codec.decode(record.value(), MonthlyFiguresPublished.class);
    }

    private static Map<String, String> values(MonthlyFiguresPublished event) {
        Map<String, String> values = new TreeMap<>();
        for (MonthlyFigure figure : event.figures()) {
            values.put(figure.name(), figure.value().stripTrailingZeros().toPlainString() + " " + figure.unit());
        }
        return values;
    }

    private static String body(MvcTestResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
