package org.communitycarbon.sensing.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.reports.MonthlyFigure;
import org.communitycarbon.model.reports.MonthlyFiguresPublished;
import org.communitycarbon.model.reports.ReportSource;
import org.communitycarbon.model.reports.ReportTopics;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.model.sensing.WasteDeposited;
import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.sensing.SensingServiceTest;
import org.communitycarbon.sensing.TestRegistry;
import org.communitycarbon.sensing.health.DeviceHealth;
import org.communitycarbon.sensing.registry.DeviceDirectory;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.support.reports.MonthlyFiguresPublisher;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The sensing figures of a community's month in Asia/Shanghai, counted by hand: its devices, the whole hours each was
 * expected and heard in, and the deposits its bin published — one delivered twice, counted once; one of the month
 * before and one heard after the month's end not counted. A count without change publishes nothing, and a late deposit
 * publishes revision 2. The month is a fixed past one (March 2025), not the running month, so the test means the same
 * at any time of the calendar (no hours of the month that have not happened yet); a past month is counted whole and
 * published complete. Its deposits come as ingest publishes them ({@code sensing.waste-deposits}, with ingest's event
 * ids), because ingest refuses device messages older than {@code sensing.max-age}; that a bin's repeated MQTT message
 * becomes one event id is {@code SensingIngestIT}'s.
 */
@SensingServiceTest
class SensingMonthlyFiguresIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final YearMonth MONTH = YearMonth.of(2025, 3);

    @Autowired
    MockMvc mvc;

    @Autowired
    DeviceDirectory directory;

    @Autowired
    DeviceHealth health;

    @Autowired
    MonthlyFiguresPublisher publisher;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    private final EmbeddedInfrastructure infra = EmbeddedInfrastructure.shared();
    private final String community = "mf-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void publishesAMonthsDevicesUptimeAndDepositsOnceAndAgainWhenTheyChange() throws Exception {
        YearMonth month = MONTH;
        Instant start = month.atDay(1).atStartOfDay(SHANGHAI).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(SHANGHAI).toInstant();
        // three devices, installed long before the month (the simulator's inventory says 2024-01-01)
        TestRegistry.of(mvc, community)
                .meter("em-1", DeviceType.ELECTRICITY_METER, "b01-0101")
                .meter("em-2", DeviceType.ELECTRICITY_METER, "b01-0102")
                .household("b01-0201").household("b01-0202")
                .bin("bin-1", "dp1")
                .register(directory);
        // em-1 heard twice in the month's 14 March 09:00 hour and once in its 10:00 hour; em-2 in that 10:00 hour and in
        // the first hour after the month: 3 whole hours of the month heard
        Instant hour = month.atDay(14).atTime(9, 0).atZone(SHANGHAI).toInstant();
        heard("em-1", hour.plus(10, ChronoUnit.MINUTES));
        heard("em-1", hour.plus(20, ChronoUnit.MINUTES));
        heard("em-1", hour.plus(1, ChronoUnit.HOURS).plus(1, ChronoUnit.MINUTES));
        heard("em-2", hour.plus(1, ChronoUnit.HOURS).plus(30, ChronoUnit.MINUTES));
        heard("em-2", end.plus(5, ChronoUnit.MINUTES));
        // device health writes what it heard every few seconds: 2 hours of em-1, 2 of em-2
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT coalesce(sum(bit_count(hours::bit(24))), 0) FROM device_hours WHERE community_id = ?", Integer.class, community) == 4);

        Instant at = month.atDay(20).atTime(18, 0).atZone(SHANGHAI).toInstant();
        deposit(at.minusSeconds(40), "b01-0101", WasteKind.PERISHABLE, "0.8", true);
        deposit(at.minusSeconds(40), "b01-0101", WasteKind.PERISHABLE, "0.8", true); // delivered again
        deposit(at.minusSeconds(30), "b01-0101", WasteKind.PERISHABLE, "1.2", true);
        deposit(at.minusSeconds(20), "b01-0102", WasteKind.PERISHABLE, "0.5", false);
        deposit(at.minusSeconds(10), "b01-0201", WasteKind.RECYCLABLE, "2", true);
        // a deposit of the month before's last minute
        deposit(start.minus(1, ChronoUnit.MINUTES), "b01-0202", WasteKind.RESIDUAL, "3", true);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT coalesce(sum(deposits), 0) FROM deposit_tally WHERE community_id = ?", Integer.class, community) == 5);

        try (var published = new KafkaTestConsumer(infra.kafka().bootstrapServers(), ReportTopics.MONTHLY_FIGURES)) {
            MonthlyFiguresPublisher.Publication first = publisher.publish(community, SHANGHAI, month);
            assertThat(first.published()).isTrue();
            assertThat(first.revision()).isEqualTo(1);
            MonthlyFiguresPublished one = revision(published, 1);
            assertThat(one.source()).isEqualTo(ReportSource.SENSING);
            assertThat(one.month()).isEqualTo(month.toString());
            assertThat(one.zone()).isEqualTo("Asia/Shanghai");
            assertThat(one.complete()).as("a past month is counted whole").isTrue();
            // every device was registered each whole hour of the month: 31 days of 24 hours (Shanghai keeps no summer time)
            assertThat(Duration.between(start, end).toHours()).isEqualTo(31 * 24);
            assertThat(values(one)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "devices.registered", "3 COUNT",
                    "devices.expectedHours", (3 * 31 * 24) + " COUNT",
                    "devices.reportingHours", "3 COUNT",
                    "deposits.count", "4 COUNT",
                    "deposits.correct", "3 COUNT",
                    "deposits.households", "3 COUNT",
                    "waste.kg.perishable", "2.5 KG",
                    "waste.kg.recyclable", "2 KG",
                    "waste.kg.hazardous", "0 KG",
                    "waste.kg.residual", "0 KG"));

            assertThat(publisher.publish(community, SHANGHAI, month).published()).as("nothing changed").isFalse();

            deposit(at.minusSeconds(5), "b01-0202", WasteKind.HAZARDOUS, "0.25", true);
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                    "SELECT coalesce(sum(deposits), 0) FROM deposit_tally WHERE community_id = ?", Integer.class, community) == 6);
            assertThat(publisher.publish(community, SHANGHAI, month).revision()).isEqualTo(2);
            assertThat(values(revision(published, 2)))
                    .containsEntry("deposits.count", "5 COUNT")
                    .containsEntry("deposits.correct", "4 COUNT")
                    .containsEntry("deposits.households", "4 COUNT")
                    .containsEntry("waste.kg.hazardous", "0.25 KG");
            assertThat(published.drain(Duration.ofSeconds(1)).stream().filter(r -> community.equals(r.key()))).hasSize(2);
        }
    }

    /** Ingest accepted a message of the meter at that moment. */
    private void heard(String device, Instant at) {
        health.heard(community, device, DeviceType.ELECTRICITY_METER, at, at, null);
    }

    /** Ingest published a deposit of bin-1 observed at that moment, with the event id it gives the bin's message. */
    private void deposit(Instant at, String household, WasteKind kind, String kg, boolean sorted) throws Exception {
        kafka.send(SensingTopics.WASTE_DEPOSITS, community + "/bin-1", codec.encode(new WasteDeposited(
                EventIds.of(community, "bin-1", "deposit", at.toString(), household), WasteDeposited.SCHEMA_VERSION, community, at, at,
                "bin-1", household, kind, Quantity.of(kg, Unit.KG), sorted))).get();
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
}
