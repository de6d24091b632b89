package org.communitycarbon.accounting.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.accounting.AccountingServiceTest;
import org.communitycarbon.accounting.Events;
import org.communitycarbon.accounting.consumption.ConsumptionRecorder;
import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.accounting.reduction.ReductionRecorder;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.recycling.Settlement;
import org.communitycarbon.model.registry.CommunityChanged;
import org.communitycarbon.model.registry.CommunityType;
import org.communitycarbon.model.registry.PlaceChanged;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.model.reports.MonthlyFigure;
import org.communitycarbon.model.reports.MonthlyFiguresPublished;
import org.communitycarbon.model.reports.ReportSource;
import org.communitycarbon.model.reports.ReportTopics;
import org.communitycarbon.model.sensing.MeterType;
import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.support.reports.MonthlyFiguresPublisher;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The accounting figures of a community's month in Asia/Shanghai, counted by hand: its households, the electricity of
 * the households metered in the month, and the reductions by behaviour; what happened the month before is not counted,
 * a count without change publishes nothing, and a late reading publishes revision 2. The month is a fixed past one
 * (March 2025), not the running month, so the test means the same at any time of the calendar: events placed minutes
 * after the month's first midnight are never in the future, whatever the wall clock says. A past month is counted
 * whole and published complete.
 */
@AccountingServiceTest
class AccountingMonthlyFiguresIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final YearMonth MONTH = YearMonth.of(2025, 3);

    @Autowired
    ConsumptionRecorder readings;

    @Autowired
    ReductionRecorder reductions;

    @Autowired
    FactorCatalog catalog;

    @Autowired
    MonthlyFiguresPublisher publisher;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    private final String community = "mf-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void publishesAMonthsHouseholdsElectricityAndReductionsOnceAndAgainWhenTheyChange() throws Exception {
        YearMonth month = MONTH;
        Instant start = month.atDay(1).atStartOfDay(SHANGHAI).toInstant();
        kafka.send(RegistryTopics.COMMUNITIES, community, codec.encode(new CommunityChanged(CommunityChanged.eventIdOf(community, 1), 1,
                community, Instant.now(), 1, "Report Court", CommunityType.OLDER, "central-china", "Asia/Shanghai"))).get();
        for (String household : List.of("b01-0101", "b01-0102", "b02-0101")) {
            kafka.send(RegistryTopics.PLACES, RegistryTopics.placeKey(community, PlaceKind.HOUSEHOLD, household), codec.encode(
                    new PlaceChanged(PlaceChanged.eventIdOf(community, PlaceKind.HOUSEHOLD, household, 1), 1, community, Instant.now(), 1,
                            PlaceKind.HOUSEHOLD, household, household, household.substring(0, 3), 2, null))).get();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> catalog.typeOf(community).isPresent()
                && jdbc.queryForObject("SELECT count(*) FROM place WHERE community_id = ?", Integer.class, community) == 3);

        readings.record(List.of(
                // b01-0101: 0.15 kWh in the month
                electricity("b01-0101", start.plus(2, ChronoUnit.MINUTES), "100.0"),
                electricity("b01-0101", start.plus(3, ChronoUnit.MINUTES), "100.15"),
                // b01-0102: 0.25 kWh in the month
                electricity("b01-0102", start.plus(2, ChronoUnit.MINUTES), "50.0"),
                electricity("b01-0102", start.plus(4, ChronoUnit.MINUTES), "50.25"),
                // b02-0101: 4 kWh the month before, ending at the month's first midnight (which closes the last day before it)
                electricity("b02-0101", start.minus(1, ChronoUnit.HOURS), "10"),
                electricity("b02-0101", start, "14")));
        reductions.recordDeposits(List.of(
                // 1.75 kg correctly sorted perishable waste at 0.2 kg CO2e a kg: 0.35
                Events.deposit(community, "b01-0101", start.plus(5, ChronoUnit.MINUTES), WasteKind.PERISHABLE, "1.25", true),
                Events.deposit(community, "b01-0102", start.plus(6, ChronoUnit.MINUTES), WasteKind.PERISHABLE, "0.5", true),
                // the month before
                Events.deposit(community, "b02-0101", start.minus(1, ChronoUnit.MINUTES), WasteKind.PERISHABLE, "3", true)));
        // 2 kg paper and 3 kg plastic at 0.3 kg CO2e a kg: 1.5
        reductions.recordSettlements(List.of(Events.settlement(community, "b02-0101", start.plus(7, ChronoUnit.MINUTES),
                Settlement.CREDITS, "2", "3")));

        try (var published = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(),
                ReportTopics.MONTHLY_FIGURES)) {
            MonthlyFiguresPublisher.Publication first = publisher.publish(community, SHANGHAI, month);
            assertThat(first.published()).isTrue();
            assertThat(first.revision()).isEqualTo(1);
            MonthlyFiguresPublished one = revision(published, 1);
            assertThat(one.source()).isEqualTo(ReportSource.ACCOUNTING);
            assertThat(one.month()).isEqualTo(month.toString());
            assertThat(one.zone()).isEqualTo("Asia/Shanghai");
            assertThat(one.complete()).as("a past month is counted whole").isTrue();
            assertThat(values(one)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "households.count", "3 COUNT",
                    "energy.householdKwh", "0.4 KWH",
                    "energy.householdsMetered", "2 COUNT",
                    "reduction.kgCo2e.SORTED_PERISHABLE_WASTE", "0.35 KG_CO2E",
                    "reduction.kgCo2e.RECYCLED_GOODS", "1.5 KG_CO2E",
                    "reduction.kgCo2e.GREEN_TRAVEL", "0 KG_CO2E",
                    "reduction.kgCo2e.ELECTRICITY_SAVING", "0 KG_CO2E",
                    "reduction.kgCo2e.PV_GENERATION", "0 KG_CO2E"));

            assertThat(publisher.publish(community, SHANGHAI, month).published()).as("nothing changed").isFalse();

            readings.record(List.of(electricity("b02-0101", start.plus(8, ChronoUnit.MINUTES), "14.1")));
            MonthlyFiguresPublisher.Publication changed = publisher.publish(community, SHANGHAI, month);
            assertThat(changed.revision()).isEqualTo(2);
            assertThat(values(revision(published, 2)))
                    .containsEntry("energy.householdKwh", "0.5 KWH")
                    .containsEntry("energy.householdsMetered", "3 COUNT");
            assertThat(published.drain(Duration.ofSeconds(1)).stream().filter(r -> community.equals(r.key()))).hasSize(2);
        }
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

    private org.communitycarbon.model.sensing.MeterReadingReceived electricity(String household, Instant at, String kwh) {
        return Events.reading(community, household, "em-" + household, MeterType.ELECTRICITY, at, kwh);
    }
}
