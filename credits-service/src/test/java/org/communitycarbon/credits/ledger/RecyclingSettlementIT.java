package org.communitycarbon.credits.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.credits.CreditsServiceTest;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.communitycarbon.model.credits.CreditsAwarded;
import org.communitycarbon.model.credits.CreditsTopics;
import org.communitycarbon.model.recycling.PickupSettled;
import org.communitycarbon.model.recycling.SettledItem;
import org.communitycarbon.model.recycling.Settlement;
import org.communitycarbon.model.recycling.SettlementTopics;
import org.communitycarbon.support.messaging.EventCodec;
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

/**
 * A kilogram is credited once: the credits service pays a pickup settled in CREDITS its settlement's own credits (the
 * community's credits per kg), once, and nothing for the RECYCLED_GOODS reduction the accounting service derives from
 * the same settlement; a CASH settlement earns nothing; the earning rules' caps and velocity limit do not apply to it.
 */
@CreditsServiceTest
class RecyclingSettlementIT {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    MockMvcTester mvc;

    private final String community = "r-" + UUID.randomUUID().toString().substring(0, 8);
    private final String household = "b02-0301";
    private final String resident = TestTokens.bearer(TestTokens.resident(community, household));
    private final String manager = TestTokens.bearer(TestTokens.propertyManager(community));

    @Test
    void aCreditsSettlementDeliveredTwiceIsCreditedOnceAndPublishedOnce() throws Exception {
        PickupSettled settlement = settlement(Settlement.CREDITS, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        for (int delivery = 0; delivery < 2; delivery++) {
            kafka.send(SettlementTopics.PICKUP_SETTLEMENTS, community, codec.encode(settlement)).get();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> entries() == 1);
        try (var awarded = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(),
                CreditsTopics.CREDITS_AWARDED)) {
            awarded.await(r -> household.equals(r.key()) && KafkaTestConsumer.value(r).contains(community), Duration.ofSeconds(20));
            List<CreditsAwarded> events = awarded.drain(Duration.ofSeconds(1)).stream()
                    .filter(r -> KafkaTestConsumer.value(r).contains(community))
                    .map(r -> codec.decode(r.value(), CreditsAwarded.class)).toList();
            assertThat(events).singleElement().satisfies(event -> {
                assertThat(event.credits().value()).isEqualByComparingTo("1410");
                assertThat(event.sourceEventId()).isEqualTo(settlement.eventId());
                assertThat(event.eventId()).isEqualTo(EventIds.derived(settlement.eventId(), "credits-awarded"));
                assertThat(event.ledgerEntryId()).isEqualTo(EventIds.derived(settlement.eventId(), "ledger-entry"));
                assertThat(event.reason()).isEqualTo("recycled goods: 4.7 kg weighed at the door, pickup " + settlement.pickupId()
                        + ", price version 2");
            });
        }
        assertThat(jdbc.queryForObject("SELECT kind || ' ' || amount FROM ledger_entry WHERE community_id = ?", String.class, community))
                .isEqualTo("RECYCLING_SETTLEMENT 1410");
        assertThat(mvc.get().uri("/api/credits/me").header(HttpHeaders.AUTHORIZATION, resident))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.balance", v -> v.assertThat().isEqualTo(1410))
                .hasPathSatisfying("$.earnedTotal", v -> v.assertThat().isEqualTo(1410));
        assertThat(mvc.get().uri("/api/credits/me/ledger?kind=RECYCLING_SETTLEMENT").header(HttpHeaders.AUTHORIZATION, resident))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.items[0].kind", v -> v.assertThat().isEqualTo("RECYCLING_SETTLEMENT"))
                .hasPathSatisfying("$.items[0].sourceEventId", v -> v.assertThat().isEqualTo(settlement.eventId().toString()));
        assertThat(mvc.get().uri("/api/credits/communities/{c}/households/{h}/ledger/verification", community, household)
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.intact", v -> v.assertThat().isEqualTo(true));
    }

    @Test
    void theRecycledGoodsReductionAccountingDerivesFromASettlementEarnsNoSecondCredit() {
        PickupSettled settlement = settlement(Settlement.CREDITS, Instant.now());
        assertThat(ledger.paySettlements(List.of(settlement))).isEqualTo(1);

        // what the accounting service publishes for the same settlement: 4.7 kg x 0.3 kg CO2e per kg
        CarbonReductionRecorded reduction = new CarbonReductionRecorded(EventIds.derived(settlement.eventId(), "carbon-reduction"), 1,
                community, settlement.occurredAt(), household, ReductionBehaviour.RECYCLED_GOODS, Quantity.of("4.7", Unit.KG),
                Quantity.of("1.410", Unit.KG_CO2E), "wuhan-pilot", 1, settlement.eventId());

        assertThat(ledger.award(List.of(reduction))).isZero();
        assertThat(entries()).isEqualTo(1);
        assertThat(balance()).isEqualTo(1410);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM earning_event WHERE community_id = ?", Integer.class, community))
                .as("the settlement's payment only").isEqualTo(1);
    }

    @Test
    void aCashSettlementEarnsNoCredits() {
        assertThat(ledger.paySettlements(List.of(settlement(Settlement.CASH, Instant.now())))).isZero();

        assertThat(entries()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM credit_account WHERE community_id = ?", Integer.class, community)).isZero();
    }

    @Test
    void capsAndTheVelocityLimitNeitherWithholdASettlementNorCountIt() {
        assertThat(mvc.post().uri("/api/credits/communities/{c}/earning-rules", community).header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content("{\"householdDailyCap\":300,\"householdEventsPerHour\":1}"))
                .hasStatus(HttpStatus.CREATED);
        Instant now = Instant.now().plusSeconds(5);

        ledger.paySettlements(List.of(settlement(Settlement.CREDITS, now)));  // 1410 credits, above the daily cap of 300
        ledger.award(List.of(sortedWaste(now.plusSeconds(60), "1.25")));     // 250: neither the cap nor the velocity counts the pickup

        assertThat(amounts()).containsExactly(1410L, 250L);
        assertThat(mvc.get().uri("/api/credits/me/earnings").header(HttpHeaders.AUTHORIZATION, resident))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.earnedToday", v -> v.assertThat().isEqualTo(250))
                .hasPathSatisfying("$.capReached", v -> v.assertThat().isEqualTo(false))
                .hasPathSatisfying("$.recyclingThisMonth", v -> v.assertThat().isEqualTo(1410));
        assertThat(mvc.get().uri("/api/credits/me/rating").header(HttpHeaders.AUTHORIZATION, resident))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.credits", v -> v.assertThat().isEqualTo(1660))
                .hasPathSatisfying("$.behaviours", v -> v.assertThat().isEqualTo(2));
    }

    @Test
    void earningRulesForRecycledGoodsAreRefusedNamingTheField() {
        for (String[] bad : List.of(
                new String[] {"{\"behaviours\":[{\"behaviour\":\"RECYCLED_GOODS\",\"basis\":\"ACTIVITY\",\"creditsPerUnit\":500}]}",
                        "behaviours[0].behaviour"},
                new String[] {"{\"campaigns\":[{\"name\":\"Spring clean\",\"behaviour\":\"RECYCLED_GOODS\",\"multiplier\":2,"
                        + "\"startsAt\":\"2100-01-01T00:00:00Z\",\"endsAt\":\"2100-01-02T00:00:00Z\"}]}", "campaigns[0].behaviour"})) {
            assertThat(mvc.post().uri("/api/credits/communities/{c}/earning-rules", community).header(HttpHeaders.AUTHORIZATION, manager)
                    .contentType(MediaType.APPLICATION_JSON).content(bad[0]))
                    .as(bad[0]).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo(bad[1]));
        }
    }

    /** Paper 3.2 kg and plastic 1.5 kg at 300 credits per kg (price version 2): 1,410 credits, or 5.83 CNY. */
    private PickupSettled settlement(Settlement how, Instant at) {
        UUID pickup = UUID.randomUUID();
        List<SettledItem> items = List.of(new SettledItem("PAPER", Quantity.of("3.2", Unit.KG), new BigDecimal("1.40"), 300),
                new SettledItem("PLASTIC", Quantity.of("1.5", Unit.KG), new BigDecimal("0.90"), 300));
        PickupSettled settlement = new PickupSettled(PickupSettled.eventIdOf(pickup), 1, community, at, pickup, household, "green-cycle",
                how, 2, items, Quantity.of("4.7", Unit.KG), how == Settlement.CASH ? PickupSettled.cashFor(items) : BigDecimal.ZERO,
                Quantity.of(how == Settlement.CREDITS ? PickupSettled.creditsFor(items) : BigDecimal.ZERO, Unit.CREDIT));
        settlement.validate();
        return settlement;
    }

    private CarbonReductionRecorded sortedWaste(Instant at, String kg) {
        BigDecimal weight = new BigDecimal(kg);
        return new CarbonReductionRecorded(UUID.randomUUID(), 1, community, at, household, ReductionBehaviour.SORTED_PERISHABLE_WASTE,
                Quantity.of(weight, Unit.KG), Quantity.of(weight.multiply(new BigDecimal("0.2")), Unit.KG_CO2E), "wuhan-pilot", UUID.randomUUID());
    }

    private int entries() {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM ledger_entry WHERE community_id = ?", Integer.class, community);
        return count == null ? 0 : count;
    }

    private long balance() {
        return jdbc.queryForObject("SELECT balance FROM credit_account WHERE community_id = ? AND household_id = ?", Long.class,
                community, household);
    }

    private List<Long> amounts() {
        return jdbc.queryForList("SELECT amount FROM ledger_entry WHERE community_id = ? ORDER BY account_seq", Long.class, community);
    }
}
