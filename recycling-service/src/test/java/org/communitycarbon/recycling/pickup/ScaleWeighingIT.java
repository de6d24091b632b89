package org.communitycarbon.recycling.pickup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.recycling.PickupSettled;
import org.communitycarbon.model.recycling.SettlementTopics;
import org.communitycarbon.model.sensing.ScaleTopics;
import org.communitycarbon.model.sensing.ScaleWeighingReported;
import org.communitycarbon.recycling.RecyclingServiceTest;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.support.messaging.Topics;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
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
 * A connected scale of the community weighs a pickup's goods (docs/recycling.md#connected-scales): its weighings, as the
 * sensing service forwards them on {@value ScaleTopics#SCALE_WEIGHINGS}, are recorded on the pickup once each, and the
 * collection settles them; a weighing that cannot be applied is kept with its reason, for the retention only, and blocks
 * nothing.
 */
@RecyclingServiceTest
class ScaleWeighingIT {

    private static final String SCALE = "scale-1";

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PickupDispatcher dispatcher;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    ScaleWeighingRetention retention;

    private PickupFixture fixture;
    private String collector;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void aCommunityWithOneRecycler() {
        fixture = new PickupFixture(mvc, jdbc, dispatcher);
        collector = fixture.collector(fixture.recycler("scaled", List.of("PAPER", "PLASTIC"), 50));
    }

    @Test
    void twoWeighingsOneDeliveredTwiceAreSettledOnceWithTheCollection() {
        publishPrices(LocalDate.now(ZoneId.of("Asia/Shanghai")), "1.40");
        String id = fixture.book("hh-1", List.of("PAPER"), "CREDITS");
        fixture.dispatched(id);
        assertThat(step(id, "accept")).hasStatusOk();

        ScaleWeighingReported first = weighing("w-1", id, "PAPER", "2.0");
        send(first);
        send(weighing("w-2", id, "PAPER", "1.2"));
        // the scale sends w-1 again, later and with another timestamp: the same weighing, the same event id
        send(new ScaleWeighingReported(first.eventId(), 1, first.communityId(), now.plusSeconds(30), now.plusSeconds(31), SCALE, "w-1",
                first.pickupId(), "PAPER", Quantity.of("2.0", Unit.KG)));
        String marker = "w-3";
        send(weighing(marker, UUID.randomUUID().toString(), "PAPER", "0.5")); // after the others, on the same partition

        await().atMost(Duration.ofSeconds(30)).until(() -> weighingsInCommunity(null).contains(marker));
        assertThat(pickup(id, fixture.resident("hh-1"))).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.scaleWeighings[*].weighingId", v -> v.assertThat().asInstanceOf(LIST).containsExactly("w-1", "w-2"))
                .hasPathSatisfying("$.scaleWeighings[*].outcome", v -> v.assertThat().asInstanceOf(LIST).containsOnly("APPLIED"))
                .hasPathSatisfying("$.scaleWeighings[*].deviceId", v -> v.assertThat().asInstanceOf(LIST).containsOnly(SCALE))
                .hasPathSatisfying("$.items", v -> v.assertThat().asInstanceOf(LIST).isEmpty());

        assertThat(step(id, "depart")).hasStatusOk();
        MvcTestResult twice = fixture.collect(id, collector, "{\"items\":[{\"category\":\"PAPER\",\"weightKg\":3.2}]}");
        assertThat(twice).as("paper entered again by the collector would count twice").hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$['invalid-params'][*].name", v -> v.assertThat().asInstanceOf(LIST).contains("items[0].category"));
        assertThat(fixture.collect(id, collector, "{}")).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("COLLECTED"))
                .hasPathSatisfying("$.priceVersion", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.weighedKg", v -> v.assertThat().isEqualTo(3.2))
                .hasPathSatisfying("$.credits", v -> v.assertThat().as("3.2 kg × 300 credits/kg").isEqualTo(960))
                .hasPathSatisfying("$.items[0].category", v -> v.assertThat().isEqualTo("PAPER"))
                .hasPathSatisfying("$.items[0].weightKg", v -> v.assertThat().isEqualTo(3.2))
                .hasPathSatisfying("$.items[0].pricePerKgCny", v -> v.assertThat().isEqualTo(1.40))
                .hasPathSatisfying("$.items[0].source", v -> v.assertThat().isEqualTo("SCALE"))
                .hasPathSatisfying("$.items[0].scaleDevices", v -> v.assertThat().asInstanceOf(LIST).containsExactly(SCALE));

        // a weighing after the collection is not applied: the settlement is final
        send(weighing("w-4", id, "PAPER", "9.9"));
        await().atMost(Duration.ofSeconds(30)).until(() -> weighingsInCommunity("REJECTED").contains("w-4"));
        assertThat(JsonPath.<List<String>>read(weighingsInCommunity("REJECTED"), "$.items[?(@.weighingId == 'w-4')].reason"))
                .containsExactly("PICKUP_CLOSED");

        String settledMarker = fixture.book("hh-9", List.of("PAPER"), "CASH");
        fixture.toTheDoor(settledMarker, collector);
        assertThat(fixture.collect(settledMarker, collector, "{\"items\":[{\"category\":\"PAPER\",\"weightKg\":1}]}")).hasStatusOk();
        try (var topic = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(),
                SettlementTopics.PICKUP_SETTLEMENTS)) {
            topic.await(r -> KafkaTestConsumer.value(r).contains(settledMarker), Duration.ofSeconds(30));
            List<ConsumerRecord<String, byte[]>> settled = topic.drain(Duration.ZERO).stream()
                    .filter(r -> KafkaTestConsumer.value(r).contains(id)).toList();
            assertThat(settled).as("one settlement per pickup").hasSize(1);
            PickupSettled event = codec.decode(settled.get(0).value(), PickupSettled.class);
            event.validate();
            assertThat(event.priceVersion()).isEqualTo(1);
            assertThat(event.items()).singleElement().satisfies(item -> {
                assertThat(item.category()).isEqualTo("PAPER");
                assertThat(item.weight().value()).isEqualByComparingTo("3.2");
                assertThat(item.pricePerKgCny()).isEqualByComparingTo("1.40");
            });
            assertThat(event.credits()).isEqualTo(Quantity.of("960", Unit.CREDIT));
        }
    }

    @Test
    void weighingsThatCannotBeAppliedAreKeptWithTheirReasonAndBlockNothing() {
        String cancelled = fixture.book("hh-2", List.of("PAPER"), "CASH");
        fixture.dispatched(cancelled);
        assertThat(mvc.post().uri("/api/recycling/pickups/{id}/cancel", cancelled).header(HttpHeaders.AUTHORIZATION, fixture.resident("hh-2"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"sold it to a neighbour\"}")).hasStatusOk();
        String open = fixture.book("hh-3", List.of("PAPER"), "CASH");
        fixture.dispatched(open);
        PickupFixture elsewhere = new PickupFixture(mvc, jdbc, dispatcher);
        elsewhere.collector(elsewhere.recycler("far", List.of("PAPER"), 50));
        String otherCommunitys = elsewhere.book("hh-1", List.of("PAPER"), "CASH");

        send(weighing("c-1", cancelled, "PAPER", "2.5"));
        send(weighing("c-2", UUID.randomUUID().toString(), "PAPER", "1"));
        send(weighing("c-3", otherCommunitys, "PAPER", "1"));
        send(weighing("c-4", open, "GOLD", "1"));
        send(weighing("c-5", open, "PAPER", "999.999"));
        send(weighing("c-6", open, "PAPER", "0.002"));
        // a record that is no weighing at all goes to the dead-letter topic, alone
        try (var dlt = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(),
                Topics.deadLetterTopicOf(ScaleTopics.SCALE_WEIGHINGS))) {
            String key = fixture.community() + "/" + SCALE;
            sendRaw(key, "{\"eventId\":\"not a weighing\"".getBytes(StandardCharsets.UTF_8));
            send(weighing("c-7", open, "PLASTIC", "1")); // taken by the recycler, though not booked
            dlt.await(r -> key.equals(r.key()), Duration.ofSeconds(30));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> weighingsInCommunity(null).contains("c-7"));
        String rejected = weighingsInCommunity("REJECTED");
        assertThat(reasonOf(rejected, "c-1")).isEqualTo("PICKUP_CLOSED");
        assertThat(reasonOf(rejected, "c-2")).isEqualTo("UNKNOWN_PICKUP");
        assertThat(reasonOf(rejected, "c-3")).as("another community's pickup is not the scale's to weigh").isEqualTo("UNKNOWN_PICKUP");
        assertThat(reasonOf(rejected, "c-4")).isEqualTo("CATEGORY_NOT_PRICED");
        assertThat(reasonOf(rejected, "c-6")).as("999.999 + 0.002 kg of paper").isEqualTo("CATEGORY_TOO_HEAVY");
        assertThat(JsonPath.<List<String>>read(weighingsInCommunity("APPLIED"), "$.items[*].weighingId"))
                .containsExactlyInAnyOrder("c-5", "c-7");

        assertThat(pickup(cancelled, fixture.resident("hh-2"))).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.scaleWeighings[0].outcome", v -> v.assertThat().isEqualTo("REJECTED"))
                .hasPathSatisfying("$.scaleWeighings[0].reason", v -> v.assertThat().isEqualTo("PICKUP_CLOSED"))
                .hasPathSatisfying("$.scaleWeighings[0].detail", v -> v.assertThat().asString().contains("CANCELLED"));
        assertThat(pickup(otherCommunitys, elsewhere.resident("hh-1"))).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.scaleWeighings", v -> v.assertThat().asInstanceOf(LIST).isEmpty());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM scale_weighing WHERE community_id = ?", Integer.class, fixture.community()))
                .isEqualTo(7);
    }

    @Test
    void rejectedWeighingsAreKeptForTheRetentionOnlyAndAppliedOnesStay() {
        String id = fixture.book("hh-6", List.of("PAPER"), "CASH");
        fixture.dispatched(id);
        send(weighing("r-applied", id, "PAPER", "1.5"));
        send(weighing("r-old", id, "GOLD", "1"));
        send(weighing("r-recent", UUID.randomUUID().toString(), "PAPER", "1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String all = weighingsInCommunity(null);
            return all.contains("r-applied") && all.contains("r-old") && all.contains("r-recent");
        });
        assertThat(reasonOf(weighingsInCommunity("REJECTED"), "r-old")).isEqualTo("CATEGORY_NOT_PRICED");
        // recorded 91 days ago, 89 days ago, and the applied one 91 days ago: past the 90 days' retention, and not
        age("r-old", Duration.ofDays(91));
        age("r-recent", Duration.ofDays(89));
        age("r-applied", Duration.ofDays(91));

        assertThat(retention.purge()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForList("SELECT weighing_id FROM scale_weighing WHERE community_id = ? ORDER BY weighing_id", String.class,
                fixture.community())).containsExactly("r-applied", "r-recent");
        assertThat(pickup(id, fixture.resident("hh-6"))).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.scaleWeighings[*].weighingId", v -> v.assertThat().asInstanceOf(LIST).containsExactly("r-applied"));
        retention.purge(); // again: deletes nothing more of this community
        assertThat(jdbc.queryForList("SELECT weighing_id FROM scale_weighing WHERE community_id = ? ORDER BY weighing_id", String.class,
                fixture.community())).containsExactly("r-applied", "r-recent");
    }

    @Test
    void onlyThoseWhoSeeThePickupSeeItsWeights() {
        String id = fixture.book("hh-4", List.of("PAPER"), "CASH");
        fixture.dispatched(id);
        send(weighing("a-1", id, "PAPER", "4.25"));
        await().atMost(Duration.ofSeconds(30)).until(() -> weighingsInCommunity(null).contains("a-1"));

        assertThat(pickup(id, collector)).as("the recycler it is dispatched to").hasStatusOk().bodyJson()
                .hasPathSatisfying("$.scaleWeighings[0].weightKg", v -> v.assertThat().isEqualTo(4.25));
        assertThat(pickup(id, fixture.manager())).hasStatusOk();
        PickupFixture rival = new PickupFixture(mvc, jdbc, dispatcher);
        String rivalCollector = rival.collector(rival.recycler("rival", List.of("PAPER"), 50));
        assertThat(pickup(id, rivalCollector)).as("a recycler of another company").hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.get().uri("/api/recycling/recycler/pickups").header(HttpHeaders.AUTHORIZATION, rivalCollector)).hasStatusOk()
                .bodyText().doesNotContain(id).doesNotContain("a-1");
        assertThat(mvc.get().uri("/api/recycling/communities/{c}/scale-weighings", fixture.community())
                .header(HttpHeaders.AUTHORIZATION, rivalCollector)).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/recycling/communities/{c}/scale-weighings", fixture.community())
                .header(HttpHeaders.AUTHORIZATION, rival.manager())).as("another community's manager").hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/recycling/communities/{c}/scale-weighings", fixture.community())
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.staff(fixture.community())))).hasStatusOk();
        assertThat(pickup(id, fixture.resident("hh-5"))).as("a neighbour").hasStatus(HttpStatus.NOT_FOUND);
    }

    /** Moves a weighing of the community back in time, as if recorded {@code ago}. */
    private void age(String weighingId, Duration ago) {
        assertThat(jdbc.update("UPDATE scale_weighing SET recorded_at = ? WHERE community_id = ? AND weighing_id = ?",
                java.sql.Timestamp.from(Instant.now().minus(ago)), fixture.community(), weighingId)).isEqualTo(1);
    }

    private ScaleWeighingReported weighing(String weighingId, String pickupId, String category, String kg) {
        return new ScaleWeighingReported(ScaleWeighingReported.eventIdOf(fixture.community(), SCALE, weighingId), 1, fixture.community(),
                now, now.plusSeconds(1), SCALE, weighingId, UUID.fromString(pickupId), category, Quantity.of(new BigDecimal(kg), Unit.KG));
    }

    /** As the sensing service forwards a weighing: keyed by community and scale. */
    private void send(ScaleWeighingReported weighing) {
        weighing.validate();
        sendRaw(weighing.communityId() + "/" + weighing.deviceId(), codec.encode(weighing));
    }

    private void sendRaw(String key, byte[] value) {
        try {
            kafka.send(ScaleTopics.SCALE_WEIGHINGS, key, value).get();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private MvcTestResult step(String id, String step) {
        return mvc.post().uri("/api/recycling/pickups/{id}/" + step, id).header(HttpHeaders.AUTHORIZATION, collector).exchange();
    }

    private MvcTestResult pickup(String id, String bearer) {
        return mvc.get().uri("/api/recycling/pickups/{id}", id).header(HttpHeaders.AUTHORIZATION, bearer).exchange();
    }

    private String weighingsInCommunity(String outcome) {
        var request = mvc.get().uri("/api/recycling/communities/{c}/scale-weighings", fixture.community())
                .header(HttpHeaders.AUTHORIZATION, fixture.manager());
        if (outcome != null) {
            request = request.param("outcome", outcome);
        }
        MvcTestResult result = request.exchange();
        assertThat(result).hasStatusOk();
        return PickupFixture.body(result);
    }

    private static String reasonOf(String page, String weighingId) {
        List<String> reasons = JsonPath.read(page, "$.items[?(@.weighingId == '" + weighingId + "')].reason");
        assertThat(reasons).as("the reason of %s", weighingId).hasSize(1);
        return reasons.get(0);
    }

    private void publishPrices(LocalDate from, String paper) {
        StringBuilder items = new StringBuilder();
        for (String category : List.of("PAPER", "PLASTIC", "METAL", "GLASS", "CLOTHING", "SMALL_APPLIANCES", "LARGE_APPLIANCES",
                "FURNITURE")) {
            items.append(items.isEmpty() ? "" : ",").append("{\"category\":\"").append(category).append("\",\"pricePerKgCny\":")
                    .append(category.equals("PAPER") ? paper : "0.50").append('}');
        }
        assertThat(mvc.post().uri("/api/recycling/communities/{c}/prices", fixture.community())
                .header(HttpHeaders.AUTHORIZATION, fixture.manager()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"effectiveFrom\":\"" + from + "\",\"items\":[" + items + "]}")).hasStatus(HttpStatus.CREATED);
    }
}
