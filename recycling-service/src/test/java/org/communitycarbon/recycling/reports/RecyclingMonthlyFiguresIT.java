package org.communitycarbon.recycling.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.registry.CommunityChanged;
import org.communitycarbon.model.registry.CommunityType;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.model.reports.MonthlyFigure;
import org.communitycarbon.model.reports.MonthlyFiguresPublished;
import org.communitycarbon.model.reports.ReportSource;
import org.communitycarbon.model.reports.ReportTopics;
import org.communitycarbon.recycling.RecyclingServiceTest;
import org.communitycarbon.recycling.pickup.PickupDispatcher;
import org.communitycarbon.recycling.pickup.PickupFixture;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.support.reports.MonthlyFiguresPublisher;
import org.communitycarbon.support.reports.MonthlyFiguresSource;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The recycling figures of a community's running month, counted by hand: the pickups settled at the door and what
 * they weighed, not those still on their way; the community's time zone is the registry's; a count without change
 * publishes nothing, and a new settlement publishes revision 2.
 */
@RecyclingServiceTest
class RecyclingMonthlyFiguresIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PickupDispatcher dispatcher;

    @Autowired
    MonthlyFiguresPublisher publisher;

    @Autowired
    MonthlyFiguresSource source;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Test
    void publishesThePickupsSettledThisMonthAndWhatTheyWeighedOnceAndAgainWhenTheyChange() throws Exception {
        PickupFixture fixture = new PickupFixture(mvc, jdbc, dispatcher);
        String community = fixture.community();
        kafka.send(RegistryTopics.COMMUNITIES, community, codec.encode(new CommunityChanged(CommunityChanged.eventIdOf(community, 1), 1,
                community, Instant.now(), 1, "Report Court", CommunityType.OLDER, "central-china", "Asia/Shanghai"))).get();
        await().atMost(Duration.ofSeconds(20)).until(() -> source.communities().stream()
                .anyMatch(c -> c.id().equals(community) && c.zone().equals(SHANGHAI)));
        String collector = fixture.collector(fixture.recycler("report", List.of("PAPER", "PLASTIC"), 50));
        // 3.2 kg in credits, 1.5 + 2 kg in cash: 6.7 kg over 2 pickups; a third is at the door, not yet weighed
        settle(fixture, collector, "hh-1", List.of("PAPER"), "CREDITS", "[{\"category\":\"PAPER\",\"weightKg\":3.2}]");
        settle(fixture, collector, "hh-2", List.of("PAPER", "PLASTIC"), "CASH",
                "[{\"category\":\"PAPER\",\"weightKg\":1.5},{\"category\":\"PLASTIC\",\"weightKg\":2}]");
        String waiting = fixture.book("hh-3", List.of("PLASTIC"), "CASH");
        fixture.toTheDoor(waiting, collector);
        YearMonth month = YearMonth.now(SHANGHAI);

        try (var published = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(),
                ReportTopics.MONTHLY_FIGURES)) {
            MonthlyFiguresPublisher.Publication first = publisher.publish(community, SHANGHAI, month);
            assertThat(first.published()).isTrue();
            assertThat(first.revision()).isEqualTo(1);
            MonthlyFiguresPublished one = revision(published, community, 1);
            assertThat(one.source()).isEqualTo(ReportSource.RECYCLING);
            assertThat(one.month()).isEqualTo(month.toString());
            assertThat(one.zone()).isEqualTo("Asia/Shanghai");
            assertThat(values(one)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "recycling.collectedKg", "6.7 KG",
                    "recycling.pickups", "2 COUNT"));

            assertThat(publisher.publish(community, SHANGHAI, month).published()).as("nothing changed").isFalse();

            assertThat(fixture.collect(waiting, collector, "{\"items\":[{\"category\":\"PLASTIC\",\"weightKg\":1.25}]}")).hasStatusOk();
            assertThat(publisher.publish(community, SHANGHAI, month).revision()).isEqualTo(2);
            assertThat(values(revision(published, community, 2))).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "recycling.collectedKg", "7.95 KG",
                    "recycling.pickups", "3 COUNT"));
            assertThat(published.drain(Duration.ofSeconds(1)).stream().filter(r -> community.equals(r.key()))).hasSize(2);
        }
    }

    private static void settle(PickupFixture fixture, String collector, String household, List<String> categories, String settlement,
            String items) {
        String id = fixture.book(household, categories, settlement);
        fixture.toTheDoor(id, collector);
        assertThat(fixture.collect(id, collector, "{\"items\":" + items + "}")).hasStatusOk();
    }

    private MonthlyFiguresPublished revision(KafkaTestConsumer published, String community, int revision) {
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
}
