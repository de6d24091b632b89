package org.communitycarbon.ops.tools;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.communitycarbon.model.recycling.ToolReturnOverdue;
import org.communitycarbon.model.recycling.ToolTopics;
import org.communitycarbon.ops.OpsTicketServiceTest;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The recycling service's overdue reminders, published to Kafka as it does: each is one notice in the household's
 * inbox, in Chinese and English, however often it is delivered; a neighbour sees none.
 */
@OpsTicketServiceTest
class ToolOverdueNoticeIT {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvcTester mvc;

    private final String community = "tools-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void eachDaysReminderIsOneNoticeForTheHousehold() throws Exception {
        UUID booking = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        LocalDate today = LocalDate.of(2026, 12, 3);
        ToolReturnOverdue first = reminder(booking, now.minus(Duration.ofHours(30)), now, today.minusDays(1), 1);
        ToolReturnOverdue second = reminder(booking, now.minus(Duration.ofHours(30)), now.plusSeconds(1), today, 2);
        for (ToolReturnOverdue reminder : new ToolReturnOverdue[] {first, first, second, second}) {
            kafka.send(ToolTopics.TOOL_REMINDERS, community, codec.encode(reminder)).get();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM notification WHERE community_id = ? AND kind = 'TOOL_OVERDUE'", Integer.class, community) == 2);
        org.assertj.core.api.Assertions.assertThat(inbox(TestTokens.resident(community, "hh-1"))).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.items[0].kind", v -> v.assertThat().isEqualTo("TOOL_OVERDUE"))
                .hasPathSatisfying("$.items[0].title", v -> v.assertThat().isEqualTo("请归还借用的工具 Please return the shared tool: Drill"))
                .hasPathSatisfying("$.items[0].body", v -> v.assertThat().asString().contains("day 2 overdue").contains("逾期第 2 天"))
                .hasPathSatisfying("$.items[0].details.bookingId", v -> v.assertThat().isEqualTo(booking.toString()))
                .hasPathSatisfying("$.items[0].details.daysOverdue", v -> v.assertThat().isEqualTo("2"));
        org.assertj.core.api.Assertions.assertThat(inbox(TestTokens.resident(community, "hh-2"))).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(0));
    }

    private ToolReturnOverdue reminder(UUID booking, Instant due, Instant at, LocalDate day, int days) {
        ToolReturnOverdue reminder = new ToolReturnOverdue(ToolReturnOverdue.eventIdOf(booking, day), 1, community, at, booking,
                UUID.randomUUID(), "Drill", "hh-1", due, day, days);
        reminder.validate();
        return reminder;
    }

    private MvcTestResult inbox(String token) {
        return mvc.get().uri("/api/ops/me/notifications").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token)).exchange();
    }
}
