package org.communitycarbon.accounting.reduction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.accounting.AccountingServiceTest;
import org.communitycarbon.accounting.Events;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.accounting.AccountingTopics;
import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.communitycarbon.model.recycling.PickupSettled;
import org.communitycarbon.model.recycling.Settlement;
import org.communitycarbon.model.recycling.SettlementTopics;
import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Recycled goods: a pickup weighed and settled at the door (recycling.pickup-settlements) is one RECYCLED_GOODS reduction
 * of the household, at wuhan-pilot v1's 0.3 kg CO2e per kg, once, whether paid in cash or in credits; a recyclables drop
 * at a sorting bin never is.
 */
@AccountingServiceTest
class RecycledGoodsIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReductionRecorder recorder;

    @Autowired
    MockMvcTester mvc;

    private final String community = "g-" + UUID.randomUUID().toString().substring(0, 8);
    private final String household = "b02-0301";
    private final Instant at = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

    @Test
    void recordsOneRecycledGoodsReductionPerSettlementDeliveredTwiceAndPublishesItOnce() throws Exception {
        PickupSettled settlement = Events.settlement(community, household, at, Settlement.CREDITS, "3.2", "1.5");
        for (int delivery = 0; delivery < 2; delivery++) {
            kafka.send(SettlementTopics.PICKUP_SETTLEMENTS, community, codec.encode(settlement)).get();
        }

        try (var published = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(),
                AccountingTopics.CARBON_REDUCTIONS)) {
            published.await(r -> household.equals(r.key()) && KafkaTestConsumer.value(r).contains(community), Duration.ofSeconds(20));
            List<CarbonReductionRecorded> events = published.drain(Duration.ofSeconds(1)).stream()
                    .filter(r -> KafkaTestConsumer.value(r).contains(community))
                    .map(r -> codec.decode(r.value(), CarbonReductionRecorded.class)).toList();
            assertThat(events).singleElement().satisfies(reduction -> {
                assertThat(reduction.behaviour()).isEqualTo(ReductionBehaviour.RECYCLED_GOODS);
                assertThat(reduction.householdId()).isEqualTo(household);
                assertThat(reduction.activity()).isEqualTo(Quantity.of("4.700", Unit.KG));
                // 4.7 kg x 0.3 kg CO2e per kg
                assertThat(reduction.reduction().value()).isEqualByComparingTo("1.410");
                assertThat(reduction.methodology()).isEqualTo("wuhan-pilot");
                assertThat(reduction.methodologyVersion()).isEqualTo(1);
                assertThat(reduction.sourceEventId()).isEqualTo(settlement.eventId());
                assertThat(reduction.occurredAt()).isEqualTo(at);
            });
        }
        assertThat(jdbc.queryForObject("""
                SELECT v.methodology_id || ' v' || v.version || ' ' || f.kind FROM carbon_reduction r
                JOIN methodology_factor f ON f.id = r.factor_id JOIN methodology_version v ON v.id = f.version_id
                WHERE r.community_id = ?""", String.class, community))
                .as("the reduction names the recycled-goods factor it used").isEqualTo("wuhan-pilot v1 RECYCLED_GOODS");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM carbon_reduction WHERE community_id = ?", Integer.class, community))
                .isEqualTo(1);
    }

    @Test
    void aCashSettlementIsAReductionTooAndARedeliveryInOneBatchAddsNothing() {
        PickupSettled cash = Events.settlement(community, household, at, Settlement.CASH, "10", "0.25");

        assertThat(recorder.recordSettlements(List.of(cash, cash))).singleElement()
                .satisfies(r -> assertThat(r.reduction().value()).isEqualByComparingTo("3.075"));
        assertThat(recorder.recordSettlements(List.of(cash))).isEmpty();
    }

    @Test
    void recycledGoodsAreInTheDailyRollupsTheTrendsAndThePortraits() {
        recorder.recordSettlements(List.of(Events.settlement(community, household, at, Settlement.CREDITS, "3.2", "1.5"),
                Events.settlement(community, "b02-0302", at, Settlement.CASH, "2", "0.5")));
        LocalDate day = LocalDate.ofInstant(at, SHANGHAI);

        assertThat(jdbc.queryForObject("""
                SELECT activity || ' ' || reduction || ' ' || reductions FROM community_reduction_day
                WHERE community_id = ? AND behaviour = 'RECYCLED_GOODS'""", String.class, community))
                .isEqualTo("7.200000 2.160000 2");
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/trends?from={d}&to={d}&granularity=DAY", community, day, day)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community))))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.periods[0].reductions[0].behaviour", v -> v.assertThat().isEqualTo("RECYCLED_GOODS"))
                .hasPathSatisfying("$.periods[0].reductions[0].activity.value", v -> v.assertThat().isEqualTo(7.2))
                .hasPathSatisfying("$.periods[0].reductions[0].reduction.value", v -> v.assertThat().isEqualTo(2.16))
                .hasPathSatisfying("$.periods[0].participatingHouseholds", v -> v.assertThat().isEqualTo(2));
        assertThat(mvc.get().uri("/api/accounting/me/portrait?months=1&to={m}", day.toString().substring(0, 7))
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(community, household))))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.months[0].reductions[0].behaviour", v -> v.assertThat().isEqualTo("RECYCLED_GOODS"))
                .hasPathSatisfying("$.months[0].reductions[0].reduction.value", v -> v.assertThat().isEqualTo(1.41));
    }

    @Test
    void aRecyclablesDropAtASortingBinNeverYieldsRecycledGoods() {
        List<CarbonReductionRecorded> recorded = recorder.recordDeposits(List.of(
                Events.deposit(community, household, at, WasteKind.RECYCLABLE, "4", true)));

        assertThat(recorded).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM carbon_reduction WHERE community_id = ?", Integer.class, community))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM waste_deposit WHERE community_id = ?", Integer.class, community))
                .as("kept for participation and accuracy").isEqualTo(1);
    }

    @Test
    void aSettlementWithoutAUsableTotalWeightIsRefusedByTheReader() {
        PickupSettled settlement = Events.settlement(community, household, at, Settlement.CREDITS, "3.2", "1.5");
        PickupSettled noWeight = new PickupSettled(settlement.eventId(), 1, community, at, settlement.pickupId(), household,
                "green-cycle", Settlement.CREDITS, 0, settlement.items(), Quantity.of(new BigDecimal("0.0001"), Unit.KG),
                BigDecimal.ZERO, settlement.credits());

        assertThatThrownBy(() -> PickupSettlementListener.check(noWeight)).isInstanceOf(ContractViolation.class)
                .hasMessageContaining("totalWeight.value");
    }
}
