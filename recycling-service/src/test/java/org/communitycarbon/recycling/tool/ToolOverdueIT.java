package org.communitycarbon.recycling.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.recycling.ToolReturnOverdue;
import org.communitycarbon.model.recycling.ToolTopics;
import org.communitycarbon.recycling.RecyclingServiceTest;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

/**
 * Overdue reminders: a tool picked up and not back by the end of its booking is one reminder for the household on
 * {@code recycling.tool-reminders} per local day, however often the check runs; a tool back in time, or not yet due,
 * none.
 */
@RecyclingServiceTest
class ToolOverdueIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ToolOverdueWatch watch;

    @Autowired
    EventCodec codec;

    private final String community = "overdue-" + UUID.randomUUID().toString().substring(0, 8);
    private final String manager = TestTokens.bearer(TestTokens.propertyManager(community));

    @Test
    void anOverdueToolIsRemindedOncePerDay() {
        String tool = tool("Drill");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String late = pickedUp(tool, "hh-1", now, now.plus(Duration.ofHours(1)));
        String onTime = pickedUp(tool, "hh-2", now.plus(Duration.ofHours(2)), now.plus(Duration.ofHours(3)));
        String notDue = pickedUp(tool("Cart"), "hh-3", now, now.plus(Duration.ofHours(5)));
        // the first two ended two days ago; the second came back in time
        jdbc.update("UPDATE tool_booking SET starts_at = starts_at - interval '2 days 3 hours', ends_at = ends_at - interval '2 days 3 hours'"
                + " WHERE id IN (?::uuid, ?::uuid)", late, onTime);
        assertThat(mvc.post().uri("/api/recycling/tool-bookings/{b}/return", onTime).header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk();

        watch.remind();
        watch.remind();

        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        try (var topic = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(), ToolTopics.TOOL_REMINDERS)) {
            topic.await(r -> KafkaTestConsumer.value(r).contains(late), Duration.ofSeconds(30));
            List<ConsumerRecord<String, byte[]>> mine = topic.drain(Duration.ofSeconds(1)).stream()
                    .filter(r -> KafkaTestConsumer.value(r).contains(community)).toList();
            assertThat(mine).as("one reminder, for the late booking only").hasSize(1);
            assertThat(mine.get(0).key()).isEqualTo(community);
            ToolReturnOverdue reminder = codec.decode(mine.get(0).value(), ToolReturnOverdue.class);
            reminder.validate();
            assertThat(reminder.bookingId()).isEqualTo(UUID.fromString(late));
            assertThat(reminder.householdId()).isEqualTo("hh-1");
            assertThat(reminder.toolName()).isEqualTo("Drill");
            assertThat(reminder.day()).isEqualTo(today);
            assertThat(reminder.eventId()).isEqualTo(ToolReturnOverdue.eventIdOf(UUID.fromString(late), today));
            assertThat(reminder.daysOverdue()).isBetween(2, 4);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tool_overdue_reminder WHERE booking_id IN (?::uuid, ?::uuid, ?::uuid)",
                Integer.class, late, onTime, notDue)).isEqualTo(1);

        // the next day's check reminds again: yesterday's claim made to look older
        jdbc.update("UPDATE tool_overdue_reminder SET day = day - 1 WHERE booking_id = ?::uuid", late);
        watch.remind();
        assertThat(jdbc.queryForList("SELECT day FROM tool_overdue_reminder WHERE booking_id = ?::uuid ORDER BY day", LocalDate.class, late))
                .containsExactly(today.minusDays(1), today);
    }

    private String pickedUp(String tool, String household, Instant from, Instant until) {
        MvcTestResult booked = mvc.post().uri("/api/recycling/tools/{t}/bookings", tool)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(community, household)))
                .contentType(MediaType.APPLICATION_JSON).content("{\"from\":\"" + from + "\",\"until\":\"" + until + "\"}").exchange();
        assertThat(booked).hasStatus(HttpStatus.CREATED);
        String id = JsonPath.read(body(booked), "$.id");
        if (from.isAfter(Instant.now())) {
            jdbc.update("UPDATE tool_booking SET starts_at = starts_at - interval '2 hours' WHERE id = ?::uuid", id);
        }
        assertThat(mvc.post().uri("/api/recycling/tool-bookings/{b}/pick-up", id).header(HttpHeaders.AUTHORIZATION, manager)).hasStatusOk();
        return id;
    }

    private String tool(String name) {
        MvcTestResult added = mvc.post().uri("/api/recycling/communities/{c}/tools", community).header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + name + "\",\"depositCredits\":0}").exchange();
        assertThat(added).hasStatus(HttpStatus.CREATED);
        return JsonPath.read(body(added), "$.id");
    }

    private static String body(MvcTestResult result) {
        try {
            return result.getResponse().getContentAsString();
        }
        catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
