package org.communitycarbon.recycling.tool;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.recycling.ToolReturnOverdue;
import org.communitycarbon.model.recycling.ToolTopics;
import org.communitycarbon.support.outbox.Outbox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminds households of shared tools they picked up and have not brought back by the end of their booking: one
 * {@link ToolReturnOverdue} per booking and local day of its community (the registry's time zone, else
 * {@code recycling.tools.zone}), for as long as the tool is out. The day is claimed in {@code tool_overdue_reminder} in
 * the transaction that puts the reminder into the outbox, so it is sent once however often the check runs and on
 * however many instances.
 */
@Component
public class ToolOverdueWatch {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final ToolSettings settings;
    private final Clock clock;

    ToolOverdueWatch(JdbcTemplate jdbc, TransactionTemplate transactions, Outbox outbox, ToolSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${recycling.tools.overdue-check:PT15M}", initialDelayString = "${recycling.tools.overdue-check:PT15M}")
    void scheduled() {
        remind();
    }

    /** Sends today's reminder of every overdue booking not yet reminded today (at most 500 a run); returns how many. */
    public int remind() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Integer sent = transactions.execute(status -> {
            List<Out> out = jdbc.query("""
                    SELECT b.id, b.tool_id, t.name, b.community_id, b.household_id, b.ends_at, z.time_zone
                    FROM tool_booking b JOIN shared_tool t ON t.id = b.tool_id LEFT JOIN community_zone z ON z.id = b.community_id
                    WHERE b.status = 'PICKED_UP' AND b.ends_at < ? ORDER BY b.ends_at, b.id LIMIT 500""",
                    (rs, n) -> new Out(rs.getObject("id", UUID.class), rs.getObject("tool_id", UUID.class), rs.getString("name"),
                            rs.getString("community_id"), rs.getString("household_id"), rs.getTimestamp("ends_at").toInstant(),
                            rs.getString("time_zone") == null ? settings.zone() : ZoneId.of(rs.getString("time_zone"))),
                    Timestamp.from(now));
            int count = 0;
            for (Out booking : out) {
                LocalDate day = now.atZone(booking.zone()).toLocalDate();
                boolean claimed = jdbc.update("""
                        INSERT INTO tool_overdue_reminder (booking_id, day, sent_at) VALUES (?, ?, ?)
                        ON CONFLICT (booking_id, day) DO NOTHING""", booking.id(), day, Timestamp.from(now)) > 0;
                if (claimed) {
                    int days = (int) ChronoUnit.DAYS.between(booking.dueAt().atZone(booking.zone()).toLocalDate(), day) + 1;
                    outbox.publish(ToolTopics.TOOL_REMINDERS, booking.communityId(), new ToolReturnOverdue(
                            ToolReturnOverdue.eventIdOf(booking.id(), day), ToolReturnOverdue.SCHEMA_VERSION, booking.communityId(),
                            now, booking.id(), booking.toolId(), booking.name(), booking.householdId(), booking.dueAt(), day,
                            Math.max(days, 1)));
                    count++;
                }
            }
            return count;
        });
        return sent == null ? 0 : sent;
    }

    private record Out(UUID id, UUID toolId, String name, String communityId, String householdId, Instant dueAt, ZoneId zone) {
    }
}
