package org.communitycarbon.credits.earning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitycarbon.credits.CreditsServiceTest;
import org.communitycarbon.credits.ledger.Ledger;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.accounting.AccountingTopics;
import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.communitycarbon.model.registry.DeviceChanged;
import org.communitycarbon.model.registry.DeviceStatus;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.model.sensing.WasteDeposited;
import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.support.messaging.Topics;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Anti-fraud per bin: a sorting reduction is judged against the bin its drop was made at, as the bin reported it on
 * sensing.waste-deposits — a drop heavier than the bin holds, or one drop too many at one bin within a minute, is
 * flagged for the property team and never credited; a reduction that arrives before its deposit waits for it. A bin's
 * capacity is the one the registry gives on sensing.devices (newest revision per bin), else what a bin of its kind holds.
 */
@CreditsServiceTest
class BinAntiFraudIT {

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

    private final String community = "bin-" + UUID.randomUUID().toString().substring(0, 8);
    private final String manager = TestTokens.bearer(TestTokens.propertyManager(community));

    @Test
    void aDropHeavierThanItsBinHoldsIsFlaggedForThePropertyTeamAndNeverCredited() throws Exception {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        WasteDeposited heavy = deposit("bin-k1", "b01-0101", at, "85.000");
        WasteDeposited light = deposit("bin-k1", "b01-0102", at.plusSeconds(60), "2.000");
        // the reductions reach the credits service before the bins' deposits: they wait for them
        for (WasteDeposited drop : List.of(heavy, light)) {
            kafka.send(AccountingTopics.CARBON_REDUCTIONS, drop.householdId(), codec.encode(reductionOf(drop))).get();
        }
        for (WasteDeposited drop : List.of(heavy, light)) {
            kafka.send(SensingTopics.WASTE_DEPOSITS, community + "/" + drop.deviceId(), codec.encode(drop)).get();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> decisions() == 2);
        assertThat(jdbc.queryForMap("SELECT outcome, credits, note, device_id FROM earning_event WHERE community_id = ? AND household_id = ?",
                community, "b01-0101")).containsAllEntriesOf(Map.of("outcome", "FLAGGED", "credits", 0L,
                "note", "capacity: 85.000 kg in one drop at bin bin-k1 (kitchen waste), which holds 60 kg", "device_id", "bin-k1"));
        assertThat(jdbc.queryForObject("SELECT outcome FROM earning_event WHERE community_id = ? AND household_id = ?", String.class,
                community, "b01-0102")).isEqualTo("CREDITED");
        assertThat(jdbc.queryForList("SELECT household_id FROM ledger_entry WHERE community_id = ?", String.class, community))
                .as("the heavy drop earned nothing").containsExactly("b01-0102");

        assertThat(mvc.get().uri("/api/credits/communities/{c}/earning-anomalies", community).header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.items[0].householdId", v -> v.assertThat().isEqualTo("b01-0101"))
                .hasPathSatisfying("$.items[0].reason", v -> v.assertThat()
                        .isEqualTo("capacity: 85.000 kg in one drop at bin bin-k1 (kitchen waste), which holds 60 kg"));
        assertThat(mvc.get().uri("/api/credits/communities/{c}/earning-anomalies", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(community, "b01-0101"))))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void moreDropsAtOneBinWithinAMinuteThanABinTakesAreFlaggedWhateverOrderTheyArriveIn() throws Exception {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<WasteDeposited> burst = new ArrayList<>();
        for (int i = 0; i < 8; i++) { // 8 drops in 35 s at one bin, of 8 households: a bin takes at most 6 a minute
            burst.add(deposit("bin-v1", "b01-01" + i, at.plusSeconds(5L * i), "1.000"));
        }
        WasteDeposited otherBin = deposit("bin-v2", "b02-0101", at.plusSeconds(10), "1.000");
        WasteDeposited later = deposit("bin-v1", "b01-0199", at.plus(3, ChronoUnit.MINUTES), "1.000");
        List<WasteDeposited> all = new ArrayList<>(burst);
        all.add(otherBin);
        all.add(later);
        for (WasteDeposited drop : all) {
            kafka.send(SensingTopics.WASTE_DEPOSITS, community + "/" + drop.deviceId(), codec.encode(drop)).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM bin_deposit WHERE community_id = ?", Long.class, community) == all.size());

        // credited one by one, the latest first: each batch counts the bin's drops credited before, after and in it
        for (int i = all.size() - 1; i >= 0; i--) {
            ledger.award(List.of(reductionOf(all.get(i))));
        }

        assertThat(jdbc.queryForList("""
                SELECT household_id FROM earning_event WHERE community_id = ? AND device_id = 'bin-v1' AND outcome = 'FLAGGED'
                ORDER BY household_id""", String.class, community))
                .as("two of the eight drops of the burst").hasSize(2);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM earning_event WHERE community_id = ? AND device_id = 'bin-v1' AND outcome = 'CREDITED'
                  AND occurred_at < ?""", Long.class, community, java.sql.Timestamp.from(at.plusSeconds(60)))).isEqualTo(6);
        assertThat(jdbc.queryForList("SELECT DISTINCT note FROM earning_event WHERE community_id = ? AND outcome = 'FLAGGED'",
                String.class, community)).containsExactly("device velocity: more than 6 drops credited at bin bin-v1 within a minute");
        assertThat(jdbc.queryForList("SELECT household_id FROM earning_event WHERE community_id = ? AND outcome = 'CREDITED'"
                + " AND household_id IN ('b02-0101', 'b01-0199')", String.class, community))
                .as("another bin in the same minute, and the same bin minutes later").containsExactlyInAnyOrder("b02-0101", "b01-0199");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry WHERE community_id = ?", Long.class, community)).isEqualTo(8);
        assertThat(mvc.get().uri("/api/credits/communities/{c}/earning-anomalies", community).header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(2));
    }

    @Test
    void aBinsRegisteredCapacityIsItsLimitAndABinWithoutOneHoldsWhatItsKindHolds() throws Exception {
        registry(bin("bin-c1", 10, "25"));
        registry(bin("bin-c2", 11, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM bin_capacity WHERE community_id = ?", Long.class, community) == 2);
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        WasteDeposited small = deposit("bin-c1", "b03-0101", at, "30.000");
        WasteDeposited kindOnly = deposit("bin-c2", "b03-0102", at, "30.000");
        awardAfterTheirDeposits(List.of(small, kindOnly));

        assertThat(jdbc.queryForMap("SELECT outcome, note FROM earning_event WHERE community_id = ? AND household_id = ?",
                community, "b03-0101")).containsAllEntriesOf(Map.of("outcome", "FLAGGED",
                "note", "capacity: 30.000 kg in one drop at bin bin-c1 (kitchen waste), which holds 25 kg as registered"));
        assertThat(jdbc.queryForObject("SELECT outcome FROM earning_event WHERE community_id = ? AND household_id = ?", String.class,
                community, "b03-0102")).as("30 kg at a bin without a registered capacity: a kitchen-waste bin holds 60")
                .isEqualTo("CREDITED");
        assertThat(jdbc.queryForList("SELECT household_id FROM ledger_entry WHERE community_id = ?", String.class, community))
                .containsExactly("b03-0102");
    }

    @Test
    void theNewestRevisionOfABinsCapacityWinsWhenRecordsAreRedeliveredOrArriveOutOfOrder() throws Exception {
        registry(bin("bin-o1", 20, "25"));
        registry(bin("bin-o1", 20, "25"));
        registry(bin("bin-o1", 15, "80"));
        // a record the service cannot use, on the same key and so the same partition: once it is dead-lettered, the
        // records before it have been applied
        String malformed = new String(codec.encode(bin("bin-o1", 21, "7")), StandardCharsets.UTF_8)
                .replace("\"capacityKg\":7", "\"capacityKg\":0");
        try (var dlt = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(),
                Topics.deadLetterTopicOf(RegistryTopics.DEVICES))) {
            kafka.send(RegistryTopics.DEVICES, community + "/bin-o1", malformed.getBytes(StandardCharsets.UTF_8)).get();
            var dead = dlt.await(r -> (community + "/bin-o1").equals(r.key()), Duration.ofSeconds(30));
            assertThat(KafkaTestConsumer.header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).startsWith("capacityKg:");
        }
        assertThat(jdbc.queryForMap("SELECT capacity_kg, revision FROM bin_capacity WHERE community_id = ? AND device_id = 'bin-o1'",
                community)).containsEntry("capacity_kg", new BigDecimal("25.000")).containsEntry("revision", 20L);

        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        awardAfterTheirDeposits(List.of(deposit("bin-o1", "b04-0101", at, "30.000")));
        assertThat(jdbc.queryForObject("SELECT note FROM earning_event WHERE community_id = ? AND household_id = ?", String.class,
                community, "b04-0101")).isEqualTo("capacity: 30.000 kg in one drop at bin bin-o1 (kitchen waste), which holds 25 kg as registered");

        // a newer revision without a capacity: the bin holds what its kind holds again
        registry(bin("bin-o1", 22, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT revision FROM bin_capacity WHERE community_id = ? AND device_id = 'bin-o1'", Long.class, community) == 22);
        awardAfterTheirDeposits(List.of(deposit("bin-o1", "b04-0102", at.plusSeconds(60), "30.000")));
        assertThat(jdbc.queryForObject("SELECT outcome FROM earning_event WHERE community_id = ? AND household_id = ?", String.class,
                community, "b04-0102")).isEqualTo("CREDITED");
    }

    private void registry(DeviceChanged device) throws Exception {
        kafka.send(RegistryTopics.DEVICES, community + "/" + device.deviceId(), codec.encode(device)).get();
    }

    private DeviceChanged bin(String id, long revision, String capacityKg) {
        return new DeviceChanged(DeviceChanged.eventIdOf(community, id, revision), 1, community, Instant.now(), revision, id,
                "waste-bin", "AI-SORT-4", null, PlaceKind.DROP_POINT, "dp1", DeviceStatus.ACTIVE, LocalDate.parse("2025-01-10"), null,
                null, capacityKg == null ? null : new BigDecimal(capacityKg));
    }

    /** Sends the drops as their bins would, waits until the service has them, and credits their reductions. */
    private void awardAfterTheirDeposits(List<WasteDeposited> drops) throws Exception {
        for (WasteDeposited drop : drops) {
            kafka.send(SensingTopics.WASTE_DEPOSITS, community + "/" + drop.deviceId(), codec.encode(drop)).get();
        }
        List<UUID> ids = drops.stream().map(WasteDeposited::eventId).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM bin_deposit WHERE event_id = ANY(?)", Long.class, (Object) ids.toArray(UUID[]::new)) == drops.size());
        ledger.award(drops.stream().map(BinAntiFraudIT::reductionOf).toList());
    }

    private WasteDeposited deposit(String bin, String household, Instant at, String kg) {
        return new WasteDeposited(EventIds.of(community, bin, "deposit", at.toString(), household), 1, community, at, at.plusSeconds(1),
                bin, household, WasteKind.PERISHABLE, Quantity.of(kg, Unit.KG), true);
    }

    /** The reduction the accounting service records for a correctly sorted perishable drop: 0.2 kg CO2e per kg. */
    private static CarbonReductionRecorded reductionOf(WasteDeposited drop) {
        BigDecimal kg = drop.weight().value();
        return new CarbonReductionRecorded(EventIds.derived(drop.eventId(), "carbon-reduction"), 1, drop.communityId(), drop.occurredAt(),
                drop.householdId(), ReductionBehaviour.SORTED_PERISHABLE_WASTE, Quantity.of(kg, Unit.KG),
                Quantity.of(kg.multiply(new BigDecimal("0.2")), Unit.KG_CO2E), "wuhan-pilot", drop.eventId());
    }

    private long decisions() {
        return jdbc.queryForObject("SELECT count(*) FROM earning_event WHERE community_id = ?", Long.class, community);
    }
}
