package org.communitycarbon.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;

import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.reports.MonthlyFiguresPublished;
import org.communitycarbon.model.reports.ReportSource;
import org.communitycarbon.model.reports.ReportTopics;
import org.communitycarbon.support.fixture.SupportFixtureApplication.NotesService;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.support.reports.MonthlyFiguresPublisher;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** A service's monthly figures go out through its outbox as a new revision only when they changed. */
@SupportFixtureTest
class MonthlyFiguresIT {

    private static final java.time.ZoneId ZONE = java.time.ZoneId.of("Asia/Shanghai");

    @Autowired
    MonthlyFiguresPublisher publisher;

    @Autowired
    NotesService notes;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventCodec codec;

    @Autowired
    MockMvcTester mvc;

    private final String bootstrap = EmbeddedInfrastructure.shared().kafka().bootstrapServers();

    @Test
    void publishesARevisionOnlyWhenTheFiguresChanged() {
        String community = "figures-" + UUID.randomUUID().toString().substring(0, 8);
        YearMonth month = YearMonth.now(ZONE);
        try (KafkaTestConsumer consumer = new KafkaTestConsumer(bootstrap, ReportTopics.MONTHLY_FIGURES)) {
            notes.write(community, "one", false);
            notes.write(community, "two", false);
            // a note of the month before does not count
            jdbc.update("UPDATE note SET written_at = ? WHERE community = ? AND text = 'two'",
                    java.sql.Timestamp.from(month.atDay(1).atStartOfDay(ZONE).toInstant().minusSeconds(1)), community);

            MonthlyFiguresPublisher.Publication first = publisher.publish(community, ZONE, month);
            assertThat(first.revision()).isEqualTo(1);
            assertThat(first.published()).isTrue();
            MonthlyFiguresPublished event = figuresOf(consumer, community, 1);
            assertThat(event.source()).isEqualTo(ReportSource.OPS);
            assertThat(event.month()).isEqualTo(month.toString());
            assertThat(event.complete()).isFalse();
            assertThat(event.figures()).singleElement().satisfies(figure -> {
                assertThat(figure.name()).isEqualTo("notes.count");
                assertThat(figure.value()).isEqualByComparingTo(BigDecimal.ONE);
            });

            assertThat(publisher.publish(community, ZONE, month).published()).as("nothing changed").isFalse();

            notes.write(community, "three", false);
            assertThat(publisher.publish(community, ZONE, month).revision()).isEqualTo(2);
            assertThat(figuresOf(consumer, community, 2).figures().get(0).value()).isEqualByComparingTo(BigDecimal.valueOf(2));

            MonthlyFiguresPublisher.Publication previous = publisher.publish(community, ZONE, month.minusMonths(1));
            assertThat(previous.complete()).as("a month that ended is published complete").isTrue();
            assertThat(figuresOf(consumer, community, 1, month.minusMonths(1)).figures().get(0).value())
                    .isEqualByComparingTo(BigDecimal.ONE);
        }
    }

    @Test
    void letsAnAdminCountAMonthAgainAndNobodyElse() {
        String community = "figures-" + UUID.randomUUID().toString().substring(0, 8);
        notes.write(community, "one", false);
        String month = YearMonth.now(ZONE).toString();
        assertThat(mvc.post().uri("/api/test/admin/monthly-figures/{c}/{m}", community, month)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community))))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.post().uri("/api/test/admin/monthly-figures/{c}/{m}", community, month)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin())))
                .hasStatus(HttpStatus.OK).bodyJson().extractingPath("$.revision").isEqualTo(1);
        assertThat(mvc.post().uri("/api/test/admin/monthly-figures/{c}/{m}", community, "2026-13")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin())))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.invalid-params[0].name").isEqualTo("month");
        assertThat(mvc.post().uri("/api/test/admin/monthly-figures/{c}/{m}", community, YearMonth.now(ZONE).plusMonths(2))
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin())))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.invalid-params[0].name").isEqualTo("month");
        assertThat(mvc.post().uri("/api/test/admin/monthly-figures/{c}/{m}", "nobody-here", month)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin())))
                .hasStatus(HttpStatus.NOT_FOUND);
    }

    private MonthlyFiguresPublished figuresOf(KafkaTestConsumer consumer, String community, int revision) {
        return figuresOf(consumer, community, revision, YearMonth.now(ZONE));
    }

    private MonthlyFiguresPublished figuresOf(KafkaTestConsumer consumer, String community, int revision, YearMonth month) {
        var record = consumer.await(r -> {
            if (!community.equals(r.key())) {
                return false;
            }
            MonthlyFiguresPublished event = codec.decode(r.value(), MonthlyFiguresPublished.class);
            return event.revision() == revision && event.month().equals(month.toString());
        }, Duration.ofSeconds(20));
        MonthlyFiguresPublished event = codec.decode(record.value(), MonthlyFiguresPublished.class);
        assertThat(event.eventId()).isEqualTo(MonthlyFiguresPublished.eventIdOf(ReportSource.OPS, community, month.toString(), revision));
        assertThat(event.occurredAt()).isBeforeOrEqualTo(Instant.now());
        return event;
    }
}
