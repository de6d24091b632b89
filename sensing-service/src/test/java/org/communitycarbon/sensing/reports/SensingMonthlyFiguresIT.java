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
import org.communitycarbon.testing.MqttTestClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The sensing figures of a community's running month in Asia/Shanghai, counted by hand: its devices, the whole hours
 * each was expected and heard in, and the deposits its bin published over MQTT — one sent twice, counted once; one of
 * last month not counted. A count without change publishes nothing, and a new deposit publishes revision 2.
 */
@SensingServiceTest
class SensingMonthlyFiguresIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

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
    void publishesTheRunningMonthsDevicesUptimeAndDepositsOnceAndAgainWhenTheyChange() throws Exception {
        YearMonth month = YearMonth.now(SHANGHAI);
        Instant start = month.atDay(1).atStartOfDay(SHANGHAI).toInstant();
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Assumptions.assumeTrue(hour.minus(2, ChronoUnit.HOURS).isAfter(start), "the month began less than three hours ago");
        // three devices, installed long before this month (the simulator's inventory says 2024-01-01)
        TestRegistry.of(mvc, community)
                .meter("em-1", DeviceType.ELECTRICITY_METER, "b01-0101")
                .meter("em-2", DeviceType.ELECTRICITY_METER, "b01-0102")
                .household("b01-0201").household("b01-0202")
                .bin("bin-1", "dp1")
                .register(directory);
        // em-1 heard twice in the hour two hours ago and once in the last hour; em-2 in the last hour and in this one,
        // which has not ended: 3 whole hours heard
        heard("em-1", hour.minus(2, ChronoUnit.HOURS).plus(10, ChronoUnit.MINUTES));
        heard("em-1", hour.minus(2, ChronoUnit.HOURS).plus(20, ChronoUnit.MINUTES));
        heard("em-1", hour.minus(1, ChronoUnit.HOURS).plus(1, ChronoUnit.MINUTES));
        heard("em-2", hour.minus(1, ChronoUnit.HOURS).plus(30, ChronoUnit.MINUTES));
        heard("em-2", Instant.now());
        // device health writes what it heard every few seconds: 2 hours of em-1, 2 of em-2
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT coalesce(sum(bit_count(hours::bit(24))), 0) FROM device_hours WHERE community_id = ?", Integer.class, community) == 4);

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (var bin = MqttTestClient.platform(infra.mqtt())) {
            deposit(bin, now.minusSeconds(40), "b01-0101", "PERISHABLE", "0.8", true);
            deposit(bin, now.minusSeconds(40), "b01-0101", "PERISHABLE", "0.8", true); // the bin sent it again
            deposit(bin, now.minusSeconds(30), "b01-0101", "PERISHABLE", "1.2", true);
            deposit(bin, now.minusSeconds(20), "b01-0102", "PERISHABLE", "0.5", false);
            deposit(bin, now.minusSeconds(10), "b01-0201", "RECYCLABLE", "2", true);
        }
        // a deposit of last month's last minute, published then
        Instant lastMonth = start.minus(1, ChronoUnit.MINUTES);
        kafka.send(SensingTopics.WASTE_DEPOSITS, community + "/bin-1", codec.encode(new WasteDeposited(
                EventIds.of(community, "bin-1", "deposit", lastMonth.toString(), "b01-0202"), 1, community, lastMonth, lastMonth,
                "bin-1", "b01-0202", WasteKind.RESIDUAL, Quantity.of("3", Unit.KG), true))).get();
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
            assertThat(one.complete()).isFalse();
            // every device was registered each whole hour from the month's first midnight to the hour counted in
            long hours = Duration.between(start, one.occurredAt().truncatedTo(ChronoUnit.HOURS)).toHours();
            assertThat(values(one)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "devices.registered", "3 COUNT",
                    "devices.expectedHours", (3 * hours) + " COUNT",
                    "devices.reportingHours", "3 COUNT",
                    "deposits.count", "4 COUNT",
                    "deposits.correct", "3 COUNT",
                    "deposits.households", "3 COUNT",
                    "waste.kg.perishable", "2.5 KG",
                    "waste.kg.recyclable", "2 KG",
                    "waste.kg.hazardous", "0 KG",
                    "waste.kg.residual", "0 KG"));

            assertThat(publisher.publish(community, SHANGHAI, month).published()).as("nothing changed").isFalse();

            try (var bin = MqttTestClient.platform(infra.mqtt())) {
                deposit(bin, now.minusSeconds(5), "b01-0202", "HAZARDOUS", "0.25", true);
            }
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

    private void deposit(MqttTestClient bin, Instant at, String household, String kind, String kg, boolean sorted) {
        bin.publish("cc/" + community + "/waste-bin/bin-1/deposit", "{\"dateObserved\":\"" + at + "\",\"householdId\":\"" + household
                + "\",\"wasteKind\":\"" + kind + "\",\"weight\":" + kg + ",\"correctlySorted\":" + sorted + "}");
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
