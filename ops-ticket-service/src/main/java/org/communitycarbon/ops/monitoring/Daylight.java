package org.communitycarbon.ops.monitoring;

import java.sql.Time;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.support.security.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each community's daylight window, in its time zone, in which public lighting should draw no power: the settings'
 * ({@code ops.monitoring.energy.daylight-starts}, {@code daylight-ends}, 07:00-17:00) or the one its property
 * manager set.
 */
@Service
class Daylight {

    private final JdbcClient jdbc;
    private final MonitoringSettings.Energy settings;
    private final Clock clock;

    Daylight(JdbcClient jdbc, MonitoringSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings.energy();
        this.clock = clock;
    }

    /**
     * A daylight window.
     *
     * @param starts local time, inclusive
     * @param ends local time, exclusive
     * @param source {@code DEFAULT} or {@code COMMUNITY}
     */
    record Window(LocalTime starts, LocalTime ends, String source) {

        /** Whether the hour starting at {@code hour} lies wholly inside the window, in {@code zone}. */
        boolean containsHour(Instant hour, ZoneId zone) {
            LocalTime start = hour.atZone(zone).toLocalTime();
            // an hour from 23:00 on ends the next day, after any window
            return !start.isBefore(starts) && start.isBefore(LAST_HOUR) && !start.plusHours(1).isAfter(ends);
        }
    }

    private static final LocalTime LAST_HOUR = LocalTime.of(23, 0);

    @Transactional(readOnly = true)
    Window of(String communityId) {
        return jdbc.sql("SELECT starts, ends FROM energy_daylight WHERE community_id = ?")
                .param(communityId)
                .query((rs, row) -> new Window(rs.getTime(1).toLocalTime(), rs.getTime(2).toLocalTime(), "COMMUNITY"))
                .optional()
                .orElseGet(() -> new Window(settings.daylightStarts(), settings.daylightEnds(), "DEFAULT"));
    }

    /** The property manager (or an admin) sets the community's daylight window. */
    @Transactional
    Window set(Caller caller, String communityId, WindowRequest request) {
        LocalTime starts = time(request.starts(), "starts");
        LocalTime ends = time(request.ends(), "ends");
        if (!ends.isAfter(starts)) {
            throw new ContractViolation("ends", "must be after starts (" + starts + "), within the same day");
        }
        jdbc.sql("""
                INSERT INTO energy_daylight (community_id, starts, ends, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (community_id) DO UPDATE SET starts = EXCLUDED.starts, ends = EXCLUDED.ends,
                    updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""")
                .params(communityId, Time.valueOf(starts), Time.valueOf(ends),
                        Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)), Texts.bounded(caller.subject(), 128))
                .update();
        return of(communityId);
    }

    private static LocalTime time(@Nullable String value, String field) {
        Require.text(value, field, 5);
        try {
            LocalTime time = LocalTime.parse(value);
            if (time.getSecond() != 0 || time.getNano() != 0) {
                throw new ContractViolation(field, "must be a local time HH:mm, was " + value);
            }
            return time;
        }
        catch (DateTimeParseException e) {
            throw new ContractViolation(field, "must be a local time HH:mm, was " + value);
        }
    }

    /**
     * A community's daylight window.
     *
     * @param starts local time {@code HH:mm} from which public lighting should be off
     * @param ends local time {@code HH:mm}, after {@code starts}, from which it may be on again
     */
    record WindowRequest(@Nullable String starts, @Nullable String ends) {
    }
}
