package org.communitycarbon.recycling.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
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
 * The recycling figures of a community's month in Asia/Shanghai, counted by hand: the pickups settled at the door in the
 * month and what they weighed, not those still on their way nor those settled the minute before the month or the
 * minute after it; the community's time zone is the registry's; a count without change publishes nothing, and a new
 * settlement publishes revision 2. The month is a fixed past one (March 2025), not the running month, so the test
 * means the same at any time of the calendar, its first seconds included: the pickups are booked, dispatched and
 * settled through the API, and each settled pickup's life is then moved back whole into March 2025 (every one of its
 * times by the same interval). A past month is counted whole and published complete.
 */
@RecyclingServiceTest
class RecyclingMonthlyFiguresIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final YearMonth MONTH = YearMonth.of(2025, 3);

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
        YearMonth month = MONTH;
        Instant start = month.atDay(1).atStartOfDay(SHANGHAI).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(SHANGHAI).toInstant();
        // 3.2 kg in credits minutes after the month's first midnight, 1.5 + 2 kg in cash in its last minute: 6.7 kg over
        // 2 pickups; one settled the minute before the month and one the minute after it are not counted; a third is
        // at the door, not yet weighed
        settleAt(settle(fixture, collector, "hh-1", List.of("PAPER"), "CREDITS", "[{\"category\":\"PAPER\",\"weightKg\":3.2}]"),
                start.plus(Duration.ofMinutes(5)));
        settleAt(settle(fixture, collector, "hh-2", List.of("PAPER", "PLASTIC"), "CASH",
                "[{\"category\":\"PAPER\",\"weightKg\":1.5},{\"category\":\"PLASTIC\",\"weightKg\":2}]"),
                end.minus(Duration.ofSeconds(30)));
        settleAt(settle(fixture, collector, "hh-4", List.of("PAPER"), "CASH", "[{\"category\":\"PAPER\",\"weightKg\":10}]"),
                start.minus(Duration.ofSeconds(30)));
        settleAt(settle(fixture, collector, "hh-5", List.of("PAPER"), "CASH", "[{\"category\":\"PAPER\",\"weightKg\":20}]"),
                end);
        String waiting = fixture.book("hh-3", List.of("PLASTIC"), "CASH");
        fixture.toTheDoor(waiting, collector);

        try (var published = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(),
                ReportTopics.MONTHLY_FIGURES)) {
            MonthlyFiguresPublisher.Publication first = publisher.publish(community, SHANGHAI, month);
            assertThat(first.published()).isTrue();
            assertThat(first.revision()).isEqualTo(1);
            MonthlyFiguresPublished one = revision(published, community, 1);
            assertThat(one.source()).isEqualTo(ReportSource.RECYCLING);
            assertThat(one.month()).isEqualTo(month.toString());
            assertThat(one.zone()).isEqualTo("Asia/Shanghai");
            assertThat(one.complete()).as("a past month is counted whole").isTrue();
            assertThat(values(one)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "recycling.collectedKg", "6.7 KG",
                    "recycling.pickups", "2 COUNT"));

            assertThat(publisher.publish(community, SHANGHAI, month).published()).as("nothing changed").isFalse();

            assertThat(fixture.collect(waiting, collector, "{\"items\":[{\"category\":\"PLASTIC\",\"weightKg\":1.25}]}")).hasStatusOk();
            settleAt(waiting, month.atDay(14).atTime(10, 0).atZone(SHANGHAI).toInstant());
            assertThat(publisher.publish(community, SHANGHAI, month).revision()).isEqualTo(2);
            assertThat(values(revision(published, community, 2))).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "recycling.collectedKg", "7.95 KG",
                    "recycling.pickups", "3 COUNT"));
            assertThat(published.drain(Duration.ofSeconds(1)).stream().filter(r -> community.equals(r.key()))).hasSize(2);
        }
    }

    private static String settle(PickupFixture fixture, String collector, String household, List<String> categories, String settlement,
            String items) {
        String id = fixture.book(household, categories, settlement);
        fixture.toTheDoor(id, collector);
        assertThat(fixture.collect(id, collector, "{\"items\":" + items + "}")).hasStatusOk();
        return id;
    }

    /**
     * Moves a settled pickup's whole life back so that it was settled at {@code at}: every time it holds (booked, due,
     * dispatched, at the door, collected, settled...) by the same interval, so its times keep their order.
     */
    private void settleAt(String id, Instant at) {
        Duration back = Duration.between(at, settledAt(id));
        List<String> times = jdbc.queryForList("""
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = 'pickup_booking' AND data_type = 'timestamp with time zone'""",
                String.class);
        assertThat(times).contains("requested_at", "collected_at", "settled_at");
        String shift = String.join(", ", times.stream().map(c -> c + " = " + c + " - ? * interval '1 microsecond'").toList());
        Object[] args = new Object[times.size() + 1];
        Arrays.fill(args, back.toNanos() / 1_000);
        args[times.size()] = id;
        assertThat(jdbc.update("UPDATE pickup_booking SET " + shift + " WHERE id = ?::uuid", args)).isEqualTo(1);
        assertThat(settledAt(id)).isEqualTo(at);
    }

    private Instant settledAt(String id) {
        return jdbc.queryForObject("SELECT settled_at FROM pickup_booking WHERE id = ?::uuid", Timestamp.class, id).toInstant();
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
