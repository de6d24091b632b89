package org.communitycarbon.ops.schedule;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.ops.monitoring.MonitoringSettings;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.ConflictException;
import org.communitycarbon.support.web.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A community's off-peak windows and planned tasks. Every change of a community's windows or tasks holds the
 * community's transaction-scoped advisory lock, so two placements never take the same slot and a recomputation never
 * re-places a task being placed.
 */
@Service
class OffPeakSchedule {

    static final int MIN_DURATION = 15;
    static final int MAX_REPEAT_DAYS = 14;
    static final int MAX_OCCURRENCES = 28;
    static final int MAX_TITLE = 200;

    private final JdbcClient jdbc;
    private final ScheduleSettings settings;
    private final ZoneId defaultZone;
    private final Clock clock;

    OffPeakSchedule(JdbcClient jdbc, ScheduleSettings settings, MonitoringSettings monitoring, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.defaultZone = monitoring.defaultTimeZone();
        this.clock = clock;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // views

    /**
     * The staff's working hours in a community, local whole hours.
     *
     * @param source {@code DEFAULT} (the settings') or {@code COMMUNITY}
     */
    record WorkingHours(String starts, String ends, String source) {
    }

    /** Working hours as set by a property manager: {@code HH:00} to {@code HH:00} (24:00 for midnight). */
    record WorkingHoursRequest(@Nullable String starts, @Nullable String ends) {
    }

    /**
     * One day's off-peak window and the figures that chose it, over the trailing days.
     *
     * @param starts local {@code HH:00}
     * @param ends local {@code HH:00}, exclusive ({@code 24:00} for midnight)
     * @param deposits deposits in the window's hours
     * @param energyKwh common-area electricity in the window's hours (the tie-breaker)
     * @param dayDeposits deposits of the whole day
     * @param busiestHour the local hour with the most deposits that day
     */
    record WindowView(DayOfWeek dayOfWeek, String starts, String ends, long deposits, BigDecimal energyKwh, long dayDeposits,
            String busiestHour, long busiestHourDeposits) {
    }

    /** One local hour of the week over the trailing days; {@code dayOfWeek} 1 = Monday. */
    record HourFigure(int dayOfWeek, int hour, long deposits, BigDecimal energyKwh) {
    }

    /**
     * A community's off-peak windows.
     *
     * @param historyFrom the first instant of the history the windows were computed from
     * @param historyTo the end of that history, exclusive (the hour the computation ran in)
     * @param windowHours each window's length in hours
     * @param profile deposits and electricity of every local hour of the week (168 figures), for a heatmap
     */
    record OffPeakView(String communityId, String timeZone, int trailingDays, Instant historyFrom, Instant historyTo,
            Instant computedAt, WorkingHours workingHours, int windowHours, List<WindowView> windows, List<HourFigure> profile,
            int tasksReplaced) {
    }

    /**
     * A planned task to place.
     *
     * @param kind {@code BIN_CLEARING} or {@code MAINTENANCE}
     * @param durationMinutes 15 to the window's length
     * @param notBefore the first local day it may be done on
     * @param by the last local day it may be done on; not with a repetition
     * @param repeatEveryDays a recurring task (bin clearing every day, every week): 1 to 14 days, with {@code occurrences}
     * @param occurrences how many times, 2 to 28; occurrence k (from 0) is due within the days {@code notBefore} (or
     *        today) + k x {@code repeatEveryDays} to the day before the next occurrence's first day
     */
    record PlannedTaskRequest(@Nullable String kind, @Nullable String title, @Nullable Integer durationMinutes,
            @Nullable String dropPointId, @Nullable String areaId, @Nullable LocalDate notBefore, @Nullable LocalDate by,
            @Nullable Integer repeatEveryDays, @Nullable Integer occurrences) {
    }

    /**
     * A placed task.
     *
     * @param slotStart when it begins; {@code localStart} the same in the community's time zone
     * @param placements how many times it was placed: 1, and one more each time moving windows re-placed it
     * @param seriesId the recurring task's id, shared by its occurrences; null for a single task
     * @param occurrence the occurrence's number in its series, from 1; null for a single task
     */
    record PlannedTaskView(UUID id, String communityId, String kind, String title, int durationMinutes,
            @Nullable String dropPointId, @Nullable String areaId, @Nullable LocalDate notBefore, @Nullable LocalDate by,
            Instant slotStart, Instant slotEnd, LocalDateTime localStart, LocalDateTime localEnd, int placements,
            Instant placedAt, Instant createdAt, String createdBy, @Nullable UUID seriesId, @Nullable Integer occurrence) {
    }

    /**
     * What planning placed: the task, or the occurrences of a recurring one, earliest first.
     */
    record PlannedTasks(List<PlannedTaskView> tasks) {
    }

    /** The tasks whose slot begins on the local days {@code from} to {@code to}, inclusive, earliest first. */
    record ScheduleView(String communityId, String timeZone, LocalDate from, LocalDate to, List<PlannedTaskView> tasks) {
    }

    enum Kind {
        BIN_CLEARING, MAINTENANCE
    }

    // ---------------------------------------------------------------------------------------------------------------
    // windows

    /** The stored windows, computed first when the community has none yet. */
    @Transactional
    OffPeakView windows(String communityId) {
        lock(communityId);
        List<OffPeakWindows.Window> stored = storedWindows(communityId);
        if (stored.size() < 7) {
            return recomputeLocked(communityId);
        }
        ZoneId zone = zone(communityId);
        Instant computedAt = jdbc.sql("SELECT max(computed_at) FROM offpeak_window WHERE community_id = ?")
                .param(communityId).query(Timestamp.class).single().toInstant();
        return view(communityId, zone, computedAt, stored, profile(communityId, zone, computedAt), 0);
    }

    /** Computes the windows again from the trailing days and re-places the unstarted tasks when a window moved. */
    @Transactional
    OffPeakView recompute(String communityId) {
        lock(communityId);
        return recomputeLocked(communityId);
    }

    private OffPeakView recomputeLocked(String communityId) {
        ZoneId zone = zone(communityId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        OffPeakWindows.Profile profile = profile(communityId, zone, now);
        int[] hours = workingHours(communityId);
        List<OffPeakWindows.Window> before = storedWindows(communityId);
        List<OffPeakWindows.Window> windows = OffPeakWindows.choose(profile, hours[0], hours[1],
                Math.min(settings.windowHours(), hours[1] - hours[0]));
        for (OffPeakWindows.Window w : windows) {
            jdbc.sql("""
                    INSERT INTO offpeak_window (community_id, day_of_week, start_hour, end_hour, deposits, energy_kwh,
                                                day_deposits, busiest_hour, busiest_hour_deposits, computed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (community_id, day_of_week) DO UPDATE SET start_hour = EXCLUDED.start_hour,
                        end_hour = EXCLUDED.end_hour, deposits = EXCLUDED.deposits, energy_kwh = EXCLUDED.energy_kwh,
                        day_deposits = EXCLUDED.day_deposits, busiest_hour = EXCLUDED.busiest_hour,
                        busiest_hour_deposits = EXCLUDED.busiest_hour_deposits, computed_at = EXCLUDED.computed_at""")
                    .params(communityId, w.dayOfWeek().getValue(), w.startHour(), w.endHour(), w.deposits(), w.energyKwh(),
                            w.dayDeposits(), w.busiestHour(), w.busiestHourDeposits(), Timestamp.from(now))
                    .update();
        }
        boolean moved = before.size() != windows.size();
        for (int i = 0; !moved && i < windows.size(); i++) {
            moved = !before.get(i).sameHours(windows.get(i));
        }
        int replaced = moved ? replace(communityId, zone, windows, now) : 0;
        return view(communityId, zone, now, windows, profile, replaced);
    }

    /**
     * Places every task that has not begun again, earliest slot first, around the tasks that have; a task that fits no
     * new window before its "by" day keeps its slot. Returns how many tasks moved.
     */
    private int replace(String communityId, ZoneId zone, List<OffPeakWindows.Window> windows, Instant now) {
        List<Placement.Slot> taken = new ArrayList<>(jdbc.sql("""
                SELECT slot_start, slot_end FROM planned_task WHERE community_id = ? AND slot_start <= ? AND slot_end > ?""")
                .params(communityId, Timestamp.from(now), Timestamp.from(now))
                .query((rs, row) -> new Placement.Slot(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()))
                .list());
        record Unstarted(UUID id, int minutes, @Nullable LocalDate notBefore, @Nullable LocalDate by, Instant start, Instant end) {
        }
        List<Unstarted> unstarted = jdbc.sql("""
                SELECT id, duration_minutes, not_before, due_by, slot_start, slot_end FROM planned_task
                WHERE community_id = ? AND slot_start > ? ORDER BY slot_start, created_at, id""")
                .params(communityId, Timestamp.from(now))
                .query((rs, row) -> new Unstarted(rs.getObject(1, UUID.class), rs.getInt(2), localDate(rs.getDate(3)),
                        localDate(rs.getDate(4)), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()))
                .list();
        Map<DayOfWeek, int[]> hours = hours(windows);
        int moved = 0;
        for (Unstarted task : unstarted) {
            Optional<Placement.Slot> slot = Placement.place(hours, zone, earliest(now, task.notBefore(), zone),
                    lastDay(now, task.notBefore(), task.by(), zone), Duration.ofMinutes(task.minutes()), taken);
            Placement.Slot kept = new Placement.Slot(task.start(), task.end());
            Placement.Slot chosen = slot.orElse(kept);
            taken.add(chosen);
            if (!chosen.equals(kept)) {
                jdbc.sql("""
                        UPDATE planned_task SET slot_start = ?, slot_end = ?, placements = placements + 1, placed_at = ?
                        WHERE id = ?""")
                        .params(Timestamp.from(chosen.start()), Timestamp.from(chosen.end()), Timestamp.from(now), task.id())
                        .update();
                moved++;
            }
        }
        return moved;
    }

    /** The communities whose windows the hourly job computes again: those with recent deposits, windows or future tasks. */
    @Transactional
    List<String> activeCommunities() {
        Instant now = clock.instant();
        Instant oldest = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(settings.trailingDays() + 7L));
        jdbc.sql("DELETE FROM deposit_hourly WHERE hour < ?").param(Timestamp.from(oldest)).update();
        return jdbc.sql("""
                SELECT community_id FROM deposit_hourly
                UNION SELECT community_id FROM offpeak_window
                UNION SELECT community_id FROM planned_task WHERE slot_start > ?
                ORDER BY 1""")
                .param(Timestamp.from(now))
                .query(String.class).list();
    }

    /** The property manager (or an admin) sets the community's working hours; the windows are computed again. */
    @Transactional
    OffPeakView setWorkingHours(Caller caller, String communityId, WorkingHoursRequest request) {
        int starts = hour(request.starts(), "starts");
        int ends = hour(request.ends(), "ends");
        if (starts == 24) {
            throw new ContractViolation("starts", "must be 00:00 to 23:00");
        }
        int length = settings.windowHours();
        if (ends - starts < length) {
            throw new ContractViolation("ends", "must be at least " + length + " hours after starts (" + request.starts()
                    + "), within the same day, to hold an off-peak window");
        }
        lock(communityId);
        jdbc.sql("""
                INSERT INTO offpeak_working_hours (community_id, start_hour, end_hour, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (community_id) DO UPDATE SET start_hour = EXCLUDED.start_hour, end_hour = EXCLUDED.end_hour,
                    updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""")
                .params(communityId, starts, ends, Timestamp.from(clock.instant()), Require.abbreviate(caller.subject(), 128))
                .update();
        return recomputeLocked(communityId);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // tasks

    /**
     * Validates the request and places the task — or each occurrence of a recurring one, in turn — into the earliest
     * window occurrence with room for it. A recurring task is placed whole or not at all.
     */
    @Transactional
    PlannedTasks plan(Caller caller, String communityId, PlannedTaskRequest request) {
        Kind kind = kind(request.kind());
        String title = Require.text(request.title(), "title", MAX_TITLE).strip();
        if (title.isEmpty()) {
            throw new ContractViolation("title", "must not be blank");
        }
        int maxMinutes = settings.windowHours() * 60;
        Integer minutes = Require.present(request.durationMinutes(), "durationMinutes");
        if (minutes < MIN_DURATION || minutes > maxMinutes) {
            throw new ContractViolation("durationMinutes", "must be between " + MIN_DURATION + " and " + maxMinutes
                    + " (the off-peak window's length), was " + minutes);
        }
        Require.optionalIdentifier(request.dropPointId(), "dropPointId");
        Require.optionalIdentifier(request.areaId(), "areaId");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ZoneId zone = zone(communityId);
        LocalDate today = LocalDate.ofInstant(now, zone);
        if (request.by() != null && request.by().isBefore(today)) {
            throw new ContractViolation("by", "must be today (" + today + ") or later, was " + request.by());
        }
        if (request.notBefore() != null && request.by() != null && request.by().isBefore(request.notBefore())) {
            throw new ContractViolation("by", "must not be before notBefore (" + request.notBefore() + ")");
        }
        if (request.notBefore() != null && request.notBefore().isAfter(today.plusDays(366))) {
            throw new ContractViolation("notBefore", "must be within a year, was " + request.notBefore());
        }
        int every = 0;
        int occurrences = 1;
        if (request.repeatEveryDays() != null || request.occurrences() != null) {
            every = Require.present(request.repeatEveryDays(), "repeatEveryDays");
            occurrences = Require.present(request.occurrences(), "occurrences");
            if (every < 1 || every > MAX_REPEAT_DAYS) {
                throw new ContractViolation("repeatEveryDays", "must be between 1 and " + MAX_REPEAT_DAYS + ", was " + every);
            }
            if (occurrences < 2 || occurrences > MAX_OCCURRENCES) {
                throw new ContractViolation("occurrences", "must be between 2 and " + MAX_OCCURRENCES + ", was " + occurrences);
            }
            if (request.by() != null) {
                throw new ContractViolation("by", "must be absent for a recurring task: each occurrence is due before the next");
            }
        }
        lock(communityId);
        List<OffPeakWindows.Window> windows = storedWindows(communityId);
        if (windows.size() < 7) {
            recomputeLocked(communityId);
            windows = storedWindows(communityId);
        }
        List<Placement.Slot> taken = new ArrayList<>(jdbc.sql(
                "SELECT slot_start, slot_end FROM planned_task WHERE community_id = ? AND slot_end > ?")
                .params(communityId, Timestamp.from(now))
                .query((rs, row) -> new Placement.Slot(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()))
                .list());
        UUID series = occurrences > 1 ? UUID.randomUUID() : null;
        LocalDate first = request.notBefore() != null && request.notBefore().isAfter(today) ? request.notBefore() : today;
        List<UUID> ids = new ArrayList<>(occurrences);
        for (int k = 0; k < occurrences; k++) {
            LocalDate notBefore = series == null ? request.notBefore() : first.plusDays((long) k * every);
            LocalDate by = series == null ? request.by() : first.plusDays((long) (k + 1) * every - 1);
            int occurrence = k + 1;
            Placement.Slot slot = Placement.place(hours(windows), zone, earliest(now, notBefore, zone),
                    lastDay(now, notBefore, by, zone), Duration.ofMinutes(minutes), taken).orElseThrow(() -> series != null
                            ? new ConflictException("Occurrence " + occurrence + " (" + notBefore + " to " + by
                                    + ") finds no off-peak window with " + minutes + " free minutes")
                            : by != null
                                    ? new ContractViolation("by", "no off-peak window has " + minutes + " free minutes by " + by)
                                    : new ConflictException("No off-peak window has " + minutes + " free minutes in the next "
                                            + settings.horizonDays() + " days"));
            taken.add(slot);
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                    INSERT INTO planned_task (id, community_id, kind, title, duration_minutes, drop_point_id, area_id,
                                              not_before, due_by, slot_start, slot_end, placements, placed_at, created_at,
                                              created_by, series_id, occurrence)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)""")
                    .params(id, communityId, kind.name(), title, minutes, request.dropPointId(), request.areaId(),
                            sqlDate(notBefore), sqlDate(by), Timestamp.from(slot.start()), Timestamp.from(slot.end()),
                            Timestamp.from(now), Timestamp.from(now), Require.abbreviate(caller.subject(), 128), series,
                            series == null ? null : occurrence)
                    .update();
            ids.add(id);
        }
        return new PlannedTasks(series != null ? tasks(communityId, zone, "series_id = ?", series)
                : tasks(communityId, zone, "id = ?", ids.get(0)));
    }

    /**
     * Cancels a task that has not begun; one occurrence of a recurring task cancels that occurrence only.
     *
     * @throws NotFoundException for a task the community does not have
     * @throws ConflictException for a task whose slot has begun
     */
    @Transactional
    void cancel(String communityId, UUID taskId) {
        lock(communityId);
        Instant start = jdbc.sql("SELECT slot_start FROM planned_task WHERE id = ? AND community_id = ?")
                .params(taskId, communityId)
                .query((rs, row) -> rs.getTimestamp(1).toInstant())
                .optional()
                .orElseThrow(() -> new NotFoundException("Community " + communityId + " has no planned task " + taskId));
        if (!start.isAfter(clock.instant())) {
            throw new ConflictException("Planned task " + taskId + " began at " + start + " and can no longer be cancelled");
        }
        jdbc.sql("DELETE FROM planned_task WHERE id = ?").param(taskId).update();
    }

    @Transactional(readOnly = true)
    ScheduleView schedule(String communityId, @Nullable LocalDate from, @Nullable LocalDate to) {
        ZoneId zone = zone(communityId);
        LocalDate first = from == null ? LocalDate.now(clock.withZone(zone)) : from;
        LocalDate last = to == null ? first.plusDays(6) : to;
        if (last.isBefore(first)) {
            throw new ContractViolation("to", "must not be before from (" + first + ")");
        }
        if (ChronoUnit.DAYS.between(first, last) >= 92) {
            throw new ContractViolation("to", "must be at most 92 days after from (" + first + ")");
        }
        List<PlannedTaskView> tasks = tasks(communityId, zone, "slot_start >= ? AND slot_start < ?",
                Timestamp.from(first.atStartOfDay(zone).toInstant()), Timestamp.from(last.plusDays(1).atStartOfDay(zone).toInstant()));
        return new ScheduleView(communityId, zone.getId(), first, last, tasks);
    }

    private List<PlannedTaskView> tasks(String communityId, ZoneId zone, String condition, Object... params) {
        List<Object> all = new ArrayList<>();
        all.add(communityId);
        all.addAll(List.of(params));
        return jdbc.sql("""
                SELECT id, kind, title, duration_minutes, drop_point_id, area_id, not_before, due_by, slot_start, slot_end,
                       placements, placed_at, created_at, created_by, series_id, occurrence
                FROM planned_task WHERE community_id = ? AND\s""" + condition + " ORDER BY slot_start, id")
                .params(all)
                .query((rs, row) -> {
                    Instant start = rs.getTimestamp(9).toInstant();
                    Instant end = rs.getTimestamp(10).toInstant();
                    return new PlannedTaskView(rs.getObject(1, UUID.class), communityId, rs.getString(2), rs.getString(3),
                            rs.getInt(4), rs.getString(5), rs.getString(6), localDate(rs.getDate(7)), localDate(rs.getDate(8)),
                            start, end, LocalDateTime.ofInstant(start, zone), LocalDateTime.ofInstant(end, zone), rs.getInt(11),
                            rs.getTimestamp(12).toInstant(), rs.getTimestamp(13).toInstant(), rs.getString(14),
                            rs.getObject(15, UUID.class), (Integer) rs.getObject(16));
                })
                .list();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // helpers

    private void lock(String communityId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('ops.offpeak:' || ?, 0))").param(communityId).query().singleRow();
    }

    ZoneId zone(String communityId) {
        return jdbc.sql("SELECT time_zone FROM monitoring_community WHERE community_id = ?")
                .param(communityId).query(String.class).optional().map(ZoneId::of).orElse(defaultZone);
    }

    /** [start hour, end hour) of the community's working hours. */
    private int[] workingHours(String communityId) {
        return jdbc.sql("SELECT start_hour, end_hour FROM offpeak_working_hours WHERE community_id = ?")
                .param(communityId)
                .query((rs, row) -> new int[] {rs.getInt(1), rs.getInt(2)})
                .optional()
                .orElseGet(() -> new int[] {settings.workStarts().getHour(), settings.workEndHour()});
    }

    private WorkingHours workingHoursView(String communityId) {
        boolean own = jdbc.sql("SELECT count(*) FROM offpeak_working_hours WHERE community_id = ?")
                .param(communityId).query(Integer.class).single() > 0;
        int[] hours = workingHours(communityId);
        return new WorkingHours(clock(hours[0]), clock(hours[1]), own ? "COMMUNITY" : "DEFAULT");
    }

    private List<OffPeakWindows.Window> storedWindows(String communityId) {
        return jdbc.sql("""
                SELECT day_of_week, start_hour, end_hour, deposits, energy_kwh, day_deposits, busiest_hour, busiest_hour_deposits
                FROM offpeak_window WHERE community_id = ? ORDER BY day_of_week""")
                .param(communityId)
                .query((rs, row) -> new OffPeakWindows.Window(DayOfWeek.of(rs.getInt(1)), rs.getInt(2), rs.getInt(3),
                        rs.getLong(4), rs.getBigDecimal(5), rs.getLong(6), rs.getInt(7), rs.getLong(8)))
                .list();
    }

    /** Deposits and electricity per local day of the week and hour over the trailing days before {@code now}'s hour. */
    private OffPeakWindows.Profile profile(String communityId, ZoneId zone, Instant now) {
        Instant to = now.truncatedTo(ChronoUnit.HOURS);
        Instant from = to.minus(Duration.ofDays(settings.trailingDays()));
        OffPeakWindows.Profile profile = OffPeakWindows.Profile.empty();
        jdbc.sql("""
                SELECT extract(isodow FROM hour AT TIME ZONE ?)::int, extract(hour FROM hour AT TIME ZONE ?)::int, sum(deposits)
                FROM deposit_hourly WHERE community_id = ? AND hour >= ? AND hour < ? GROUP BY 1, 2""")
                .params(zone.getId(), zone.getId(), communityId, Timestamp.from(from), Timestamp.from(to))
                .query(rs -> {
                    profile.deposits()[rs.getInt(1) - 1][rs.getInt(2)] = rs.getLong(3);
                });
        jdbc.sql("""
                SELECT extract(isodow FROM hour AT TIME ZONE ?)::int, extract(hour FROM hour AT TIME ZONE ?)::int, sum(energy)
                FROM energy_hourly WHERE community_id = ? AND meter_type = 'ELECTRICITY' AND hour >= ? AND hour < ?
                  -- a building's master meter measures its households too: not common-area electricity
                  AND area_id NOT IN (SELECT place_id FROM monitoring_place WHERE community_id = ? AND building_supply)
                GROUP BY 1, 2""")
                .params(zone.getId(), zone.getId(), communityId, Timestamp.from(from), Timestamp.from(to), communityId)
                .query(rs -> {
                    profile.energy()[rs.getInt(1) - 1][rs.getInt(2)] = rs.getBigDecimal(3);
                });
        return profile;
    }

    private OffPeakView view(String communityId, ZoneId zone, Instant computedAt, List<OffPeakWindows.Window> windows,
            OffPeakWindows.Profile profile, int replaced) {
        Instant to = computedAt.truncatedTo(ChronoUnit.HOURS);
        List<WindowView> windowViews = windows.stream()
                .map(w -> new WindowView(w.dayOfWeek(), clock(w.startHour()), clock(w.endHour()), w.deposits(),
                        w.energyKwh().stripTrailingZeros(), w.dayDeposits(), clock(w.busiestHour()), w.busiestHourDeposits()))
                .toList();
        List<HourFigure> figures = new ArrayList<>(168);
        for (DayOfWeek day : DayOfWeek.values()) {
            for (int hour = 0; hour < 24; hour++) {
                figures.add(new HourFigure(day.getValue(), hour, profile.deposits(day, hour),
                        profile.energy(day, hour).stripTrailingZeros()));
            }
        }
        return new OffPeakView(communityId, zone.getId(), settings.trailingDays(), to.minus(Duration.ofDays(settings.trailingDays())),
                to, computedAt, workingHoursView(communityId), settings.windowHours(), windowViews, figures, replaced);
    }

    private static Map<DayOfWeek, int[]> hours(List<OffPeakWindows.Window> windows) {
        Map<DayOfWeek, int[]> hours = new EnumMap<>(DayOfWeek.class);
        for (OffPeakWindows.Window w : windows) {
            hours.put(w.dayOfWeek(), new int[] {w.startHour(), w.endHour()});
        }
        return hours;
    }

    private static Instant earliest(Instant now, @Nullable LocalDate notBefore, ZoneId zone) {
        if (notBefore == null) {
            return now;
        }
        Instant start = notBefore.atStartOfDay(zone).toInstant();
        return start.isAfter(now) ? start : now;
    }

    /** The last local day a task may be placed on: its "by" day, else the horizon from today or from its "not before" day. */
    private LocalDate lastDay(Instant now, @Nullable LocalDate notBefore, @Nullable LocalDate by, ZoneId zone) {
        if (by != null) {
            return by;
        }
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate from = notBefore != null && notBefore.isAfter(today) ? notBefore : today;
        return from.plusDays(settings.horizonDays());
    }

    private static Kind kind(@Nullable String value) {
        Require.present(value, "kind");
        try {
            return Kind.valueOf(value);
        }
        catch (IllegalArgumentException e) {
            throw new ContractViolation("kind", "must be BIN_CLEARING or MAINTENANCE, was " + Require.abbreviate(value, 40));
        }
    }

    /** A whole local hour HH:00 (24:00 for midnight at the end of the day) as its hour. */
    private static int hour(@Nullable String value, String field) {
        Require.text(value, field, 5);
        if (!value.matches("\\d\\d:00")) {
            throw new ContractViolation(field, "must be a whole local hour HH:00, was " + value);
        }
        int hour = Integer.parseInt(value.substring(0, 2));
        if (hour > 24) {
            throw new ContractViolation(field, "must be a whole local hour HH:00, was " + value);
        }
        return hour;
    }

    private static String clock(int hour) {
        return String.format("%02d:00", hour);
    }

    private static @Nullable LocalDate localDate(@Nullable Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private static @Nullable Date sqlDate(@Nullable LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }
}
