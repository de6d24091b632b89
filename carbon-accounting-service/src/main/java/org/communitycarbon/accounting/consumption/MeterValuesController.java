package org.communitycarbon.accounting.consumption;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.sensing.MeterType;
import org.communitycarbon.support.audit.AuditedRead;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

/**
 * What meters say now and said over time: the latest reading of a meter, of each meter of a household or of a
 * common area — the newest by the meter's own clock ({@code dateObserved}), whatever order the readings arrived
 * in — and a meter's history for charts, raw or in 5-minute or hourly buckets.
 */
@RestController
@RequestMapping("/api/accounting")
@Transactional(readOnly = true)
class MeterValuesController {

    /** Points one history answer may hold: a day of minutes, a week of 5-minute buckets, a year of hours fit. */
    static final int MAX_POINTS = 10_000;
    static final int MAX_METERS = 50;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    MeterValuesController(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A meter's newest reading; {@code delta} is the consumption since the reading before, when it counts. */
    record LatestReading(String deviceId, MeterType meterType, @Nullable String householdId, @Nullable String areaId,
            Instant observedAt, Quantity register, RegisterQuality quality, @Nullable Quantity delta, Instant storedAt) {
    }

    /** How finely a history is cut. */
    enum Resolution {
        RAW(null), FIVE_MINUTES(Duration.ofMinutes(5)), HOURLY(Duration.ofHours(1));

        private final @Nullable Duration bucket;

        Resolution(@Nullable Duration bucket) {
            this.bucket = bucket;
        }
    }

    /**
     * One point of a history: a reading (raw), or a bucket {@code [at, at + resolution)} with the consumption counted
     * in it, its last register and how many readings it holds, of which how many were flagged.
     */
    record HistoryPoint(Instant at, Quantity register, @Nullable Quantity consumption, int readings, int flagged) {
    }

    record History(String communityId, String deviceId, Resolution resolution, Instant from, Instant to, List<HistoryPoint> points) {
    }

    @Operation(summary = "A meter's newest reading by its own clock (property team of the community)")
    @GetMapping("/communities/{communityId}/devices/{deviceId}/latest")
    LatestReading latestOfDevice(Caller caller, @PathVariable String communityId, @PathVariable String deviceId) {
        caller.requirePropertyTeam(communityId);
        Require.identifier(deviceId, "deviceId");
        return latest("device_id = ?", communityId, deviceId).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("No reading of " + deviceId + " in community " + communityId));
    }

    @Operation(summary = "The newest reading of each meter of a household (its resident, the property team)")
    @AuditedRead
    @GetMapping("/communities/{communityId}/households/{householdId}/latest")
    List<LatestReading> latestOfHousehold(Caller caller, @PathVariable String communityId, @PathVariable String householdId) {
        caller.requireHousehold(communityId, householdId);
        Require.identifier(householdId, "householdId");
        return latest("household_id = ?", communityId, householdId);
    }

    @Operation(summary = "The newest reading of each meter of the caller's household (a resident)")
    @GetMapping("/me/latest")
    List<LatestReading> latestOfMine(Caller caller) {
        Caller.ResidentScope me = caller.requireResident();
        return latest("household_id = ?", me.communityId(), me.householdId());
    }

    @Operation(summary = "The newest reading of each meter of a common area (property team of the community)")
    @GetMapping("/communities/{communityId}/areas/{areaId}/latest")
    List<LatestReading> latestOfArea(Caller caller, @PathVariable String communityId, @PathVariable String areaId) {
        caller.requirePropertyTeam(communityId);
        Require.identifier(areaId, "areaId");
        return latest("area_id = ?", communityId, areaId);
    }

    @Operation(summary = "A meter's readings over (from, to], raw or in FIVE_MINUTES or HOURLY buckets, for charts (property team)")
    @AuditedRead
    @GetMapping("/communities/{communityId}/devices/{deviceId}/history")
    History history(Caller caller, @PathVariable String communityId, @PathVariable String deviceId,
            @RequestParam(required = false) @Nullable Instant from, @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(defaultValue = "RAW") Resolution resolution) {
        caller.requirePropertyTeam(communityId);
        Require.identifier(deviceId, "deviceId");
        Period period = Period.of(from, to, clock);
        Duration bucket = resolution.bucket;
        if (bucket != null && Duration.between(period.from(), period.to()).dividedBy(bucket) > MAX_POINTS) {
            throw new ContractViolation("from", "at most " + MAX_POINTS + " points of " + resolution
                    + "; shorten the period or choose a coarser resolution");
        }
        List<HistoryPoint> points = bucket == null ? raw(communityId, deviceId, period) : bucketed(communityId, deviceId, period, bucket);
        return new History(communityId, deviceId, resolution, period.from(), period.to(), points);
    }

    private List<LatestReading> latest(String filter, String communityId, String id) {
        // DISTINCT ON keeps, per device, the first row in observed_at DESC order: the newest by the device's clock.
        return jdbc.query("""
                SELECT DISTINCT ON (device_id) device_id, meter_type, household_id, area_id, observed_at, register, unit,
                       quality, delta, stored_at
                FROM meter_reading WHERE community_id = ? AND %s
                ORDER BY device_id, observed_at DESC LIMIT ?""".formatted(filter),
                (rs, n) -> {
                    Unit unit = Unit.valueOf(rs.getString(7));
                    BigDecimal delta = rs.getBigDecimal(9);
                    return new LatestReading(rs.getString(1), MeterType.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant(), Quantity.of(rs.getBigDecimal(6), unit),
                            RegisterQuality.valueOf(rs.getString(8)), delta == null ? null : Quantity.of(delta, unit),
                            rs.getTimestamp(10).toInstant());
                },
                communityId, id, MAX_METERS);
    }

    private List<HistoryPoint> raw(String communityId, String deviceId, Period period) {
        List<HistoryPoint> points = jdbc.query("""
                SELECT observed_at, register, unit, delta, quality FROM meter_reading
                WHERE community_id = ? AND device_id = ? AND observed_at > ? AND observed_at <= ?
                ORDER BY observed_at LIMIT ?""",
                (rs, n) -> {
                    Unit unit = Unit.valueOf(rs.getString(3));
                    BigDecimal delta = rs.getBigDecimal(4);
                    return new HistoryPoint(rs.getTimestamp(1).toInstant(), Quantity.of(rs.getBigDecimal(2), unit),
                            delta == null ? null : Quantity.of(delta, unit), 1, flagged(rs.getString(5)) ? 1 : 0);
                },
                communityId, deviceId, Timestamp.from(period.from()), Timestamp.from(period.to()), MAX_POINTS + 1);
        if (points.size() > MAX_POINTS) {
            throw new ContractViolation("from", "more than " + MAX_POINTS + " readings; shorten the period or choose FIVE_MINUTES or HOURLY");
        }
        return points;
    }

    private List<HistoryPoint> bucketed(String communityId, String deviceId, Period period, Duration bucket) {
        // date_bin cuts time into buckets aligned on the Unix epoch: 08:00, 08:05, … whatever the period's start.
        return jdbc.query("""
                SELECT date_bin(?::interval, observed_at, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS at,
                       (array_agg(register ORDER BY observed_at DESC))[1], max(unit), sum(delta), count(*),
                       count(*) FILTER (WHERE quality NOT IN ('FIRST', 'OK'))
                FROM meter_reading
                WHERE community_id = ? AND device_id = ? AND observed_at > ? AND observed_at <= ?
                GROUP BY at ORDER BY at""",
                (rs, n) -> point(rs),
                bucket.toSeconds() + " seconds", communityId, deviceId, Timestamp.from(period.from()), Timestamp.from(period.to()));
    }

    private static HistoryPoint point(ResultSet rs) throws SQLException {
        Unit unit = Unit.valueOf(rs.getString(3));
        BigDecimal consumption = rs.getBigDecimal(4);
        return new HistoryPoint(rs.getTimestamp(1).toInstant(), Quantity.of(rs.getBigDecimal(2), unit),
                consumption == null ? null : Quantity.of(consumption, unit), rs.getInt(5), rs.getInt(6));
    }

    private static boolean flagged(String quality) {
        return !quality.equals(RegisterQuality.FIRST.name()) && !quality.equals(RegisterQuality.OK.name());
    }
}
