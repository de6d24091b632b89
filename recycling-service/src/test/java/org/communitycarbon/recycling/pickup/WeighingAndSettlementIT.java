package org.communitycarbon.recycling.pickup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.recycling.PickupSettled;
import org.communitycarbon.model.recycling.Settlement;
import org.communitycarbon.model.recycling.SettlementTopics;
import org.communitycarbon.testing.KafkaTestConsumer;

import org.communitycarbon.recycling.RecyclingServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import tools.jackson.databind.json.JsonMapper;

/**
 * The collector weighs each category at the door; the community's price version in force then prices the items, and
 * the household is paid in cash or credits as the resident chose, the rates kept with the pickup, and the settlement is
 * published once.
 */
@RecyclingServiceTest
class WeighingAndSettlementIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PickupDispatcher dispatcher;

    private PickupFixture fixture;
    private String collector;

    @BeforeEach
    void aCommunityWithOneRecycler() {
        fixture = new PickupFixture(mvc, jdbc, dispatcher);
        collector = fixture.collector(fixture.recycler("weigh", List.of("PAPER", "PLASTIC", "METAL"), 50));
    }

    @Test
    void weighing3Point2KgOfPaperPaysCreditsAtTheVersionInForce() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        publish(today, "1.40");
        publish(today.plusDays(3), "9.90"); // not yet in force
        String id = fixture.book("hh-1", List.of("PAPER"), "CREDITS");
        fixture.toTheDoor(id, collector);

        assertThat(fixture.collect(id, collector, "{\"items\":[{\"category\":\"PAPER\",\"weightKg\":3.2}]}")).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("COLLECTED"))
                .hasPathSatisfying("$.settlement", v -> v.assertThat().isEqualTo("CREDITS"))
                .hasPathSatisfying("$.priceVersion", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.weighedKg", v -> v.assertThat().isEqualTo(3.2))
                .hasPathSatisfying("$.credits", v -> v.assertThat().as("3.2 kg × 300 credits/kg").isEqualTo(960))
                .hasPathSatisfying("$.amountCny", v -> v.assertThat().isEqualTo(0.0))
                .hasPathSatisfying("$.items[0].pricePerKgCny", v -> v.assertThat().isEqualTo(1.40))
                .hasPathSatisfying("$.items[0].creditsPerKg", v -> v.assertThat().isEqualTo(300));
        assertThat(mvc.get().uri("/api/recycling/pickups/{id}", id).header(HttpHeaders.AUTHORIZATION, fixture.resident("hh-1")))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.items[*].category", v -> v.assertThat().asInstanceOf(LIST)
                        .containsExactly("PAPER"));
        assertThat(fixture.collect(id, collector, "{\"items\":[{\"category\":\"PAPER\",\"weightKg\":3.2}]}"))
                .as("collected once").hasStatus(HttpStatus.CONFLICT);

        // a later settlement of the same community: same key, same partition, so it comes after any repeat of the first
        // booked before the service kept its booker: it settles naming none
        String marker = fixture.book("hh-9", List.of("PAPER"), "CASH");
        assertThat(jdbc.update("UPDATE pickup_booking SET booked_by = NULL WHERE id = ?::uuid", marker)).isEqualTo(1);
        fixture.toTheDoor(marker, collector);
        assertThat(fixture.collect(marker, collector, "{\"items\":[{\"category\":\"PAPER\",\"weightKg\":1}]}")).hasStatusOk();
        try (var topic = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(),
                SettlementTopics.PICKUP_SETTLEMENTS)) {
            ConsumerRecord<String, byte[]> markerRecord = topic.await(r -> KafkaTestConsumer.value(r).contains(marker),
                    Duration.ofSeconds(30));
            assertThat(JSON.readValue(markerRecord.value(), PickupSettled.class).bookedBy()).isNull();
            List<ConsumerRecord<String, byte[]>> settled = topic.drain(Duration.ZERO).stream()
                    .filter(r -> KafkaTestConsumer.value(r).contains(id)).toList();
            assertThat(settled).as("one settlement per pickup").hasSize(1);
            assertThat(settled.get(0).key()).isEqualTo(fixture.community());
            PickupSettled event = JSON.readValue(settled.get(0).value(), PickupSettled.class);
            event.validate();
            assertThat(event.eventId()).isEqualTo(PickupSettled.eventIdOf(UUID.fromString(id)));
            assertThat(event.householdId()).isEqualTo("hh-1");
            assertThat(event.bookedBy()).as("the subject of the resident who booked it").isEqualTo("resident-hh-1");
            assertThat(event.settlement()).isEqualTo(Settlement.CREDITS);
            assertThat(event.priceVersion()).isEqualTo(1);
            assertThat(event.items()).singleElement().satisfies(item -> {
                assertThat(item.category()).isEqualTo("PAPER");
                assertThat(item.weight()).isEqualTo(Quantity.of("3.2", Unit.KG));
                assertThat(item.pricePerKgCny()).isEqualByComparingTo("1.40");
                assertThat(item.creditsPerKg()).isEqualTo(300);
            });
            assertThat(event.totalWeight().value()).isEqualByComparingTo("3.2");
            assertThat(event.credits()).isEqualTo(Quantity.of("960", Unit.CREDIT));
            assertThat(event.amountCny()).isEqualByComparingTo("0");
        }
    }

    @Test
    void theResidentsChoiceAtTheDoorWinsAndCashIsPricedAtTheCataloguesDefaultsWithoutAVersion() {
        String id = fixture.book("hh-2", List.of("PAPER", "PLASTIC"), null);
        fixture.toTheDoor(id, collector);
        String items = "[{\"category\":\"PAPER\",\"weightKg\":3.2},{\"category\":\"METAL\",\"weightKg\":1.5}]";

        assertRefused(fixture.collect(id, collector, "{\"items\":" + items + "}"), "settlement");
        assertThat(fixture.collect(id, collector, "{\"items\":" + items + ",\"settlement\":\"CASH\"}")).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.settlement", v -> v.assertThat().isEqualTo("CASH"))
                .hasPathSatisfying("$.priceVersion", v -> v.assertThat().isEqualTo(0))
                .hasPathSatisfying("$.weighedKg", v -> v.assertThat().isEqualTo(4.7))
                .hasPathSatisfying("$.amountCny", v -> v.assertThat().as("3.2 × 1.20 + 1.5 × 2.00 (metal, taken by the recycler)")
                        .isEqualTo(6.84))
                .hasPathSatisfying("$.credits", v -> v.assertThat().isEqualTo(0));
    }

    @Test
    void refusesWeightsOutOfBoundsAndCategoriesNeitherBookedNorTakenAndWritesNothing() {
        String id = fixture.book("hh-3", List.of("PAPER"), "CASH");
        fixture.toTheDoor(id, collector);

        assertRefused(fixture.collect(id, collector, "{\"items\":[{\"category\":\"GLASS\",\"weightKg\":1}]}"), "items[0].category");
        assertRefused(fixture.collect(id, collector,
                "{\"items\":[{\"category\":\"PAPER\",\"weightKg\":1},{\"category\":\"PAPER\",\"weightKg\":2}]}"), "items[1].category");
        assertRefused(fixture.collect(id, collector, "{\"items\":[{\"category\":\"PAPER\",\"weightKg\":1000.001}]}"), "items[0].weightKg");
        assertRefused(fixture.collect(id, collector, "{\"items\":[{\"category\":\"PAPER\",\"weightKg\":3.2001}]}"), "items[0].weightKg");
        assertRefused(fixture.collect(id, collector, "{\"items\":[{\"category\":\"PAPER\",\"weightKg\":0}]}"), "items[0].weightKg");
        assertRefused(fixture.collect(id, collector, "{\"items\":[{\"category\":\"PAPER\",\"weightKg\":1e999999999}]}"), "items[0].weightKg");
        assertRefused(fixture.collect(id, collector, "{\"items\":[]}"), "items");
        assertRefused(fixture.collect(id, collector, "{}"), "items");
        assertRefused(fixture.collect(id, collector, "{\"items\":[" + "{\"category\":\"PAPER\",\"weightKg\":1},".repeat(20)
                + "{\"category\":\"PAPER\",\"weightKg\":1}]}"), "items");

        assertThat(mvc.get().uri("/api/recycling/pickups/{id}", id).header(HttpHeaders.AUTHORIZATION, fixture.resident("hh-3")))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("ON_THE_WAY"))
                .hasPathSatisfying("$.items", v -> v.assertThat().asInstanceOf(LIST).isEmpty());
    }

    @Test
    void weighedItemsAreNeverChangedNotEvenByTheServicesOwnDatabaseRole() {
        String id = fixture.book("hh-4", List.of("PAPER"), "CASH");
        fixture.toTheDoor(id, collector);
        assertThat(fixture.collect(id, collector, "{\"items\":[{\"category\":\"PAPER\",\"weightKg\":2}]}")).hasStatusOk();
        assertThatThrownBy(() -> jdbc.update("UPDATE pickup_item SET weight_kg = 20 WHERE pickup_id = ?::uuid", id))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
    }

    private void publish(LocalDate from, String paper) {
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

    private static void assertRefused(MvcTestResult result, String field) {
        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON).bodyJson()
                .hasPathSatisfying("$['invalid-params'][*].name", v -> v.assertThat().asInstanceOf(LIST).contains(field));
    }
}
