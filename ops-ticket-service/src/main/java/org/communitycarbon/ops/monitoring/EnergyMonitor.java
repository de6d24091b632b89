package org.communitycarbon.ops.monitoring;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.model.sensing.MeterType;
import org.communitycarbon.support.persistence.SqlArrays;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Turns the registers of common-area and subsystem meters (electricity and PV generation; a reading with an
 * {@code areaId}) into each meter's energy per hour, in one transaction per batch:
 * <ol>
 * <li>the readings are stored once each (primary key on meter and time: a repeated reading adds nothing); a reading
 * older than {@code raw-retention} when it arrives is not counted, since the readings around it may be gone;</li>
 * <li>the hours whose energy the new readings change — every hour between the reading before and the reading after each
 * new one — are computed again from the stored registers: each increase between two consecutive readings is spread
 * over the hours it spans in proportion to time, and a register that went backwards (a reset, a replaced meter, a
 * fault) adds nothing;</li>
 * <li>registers older than the retention are deleted; the hourly energy stays;</li>
 * <li>the anomaly rules judge the changed hours ({@link EnergyAnomalies}).</li>
 * </ol>
 */
@Service
class EnergyMonitor {

    private final JdbcTemplate jdbc;
    private final EnergyAnomalies anomalies;
    private final MonitoringSettings.Energy settings;
    private final Clock clock;
    private final Counter tooOld;

    EnergyMonitor(JdbcTemplate jdbc, EnergyAnomalies anomalies, MonitoringSettings settings, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.anomalies = anomalies;
        this.settings = settings.energy();
        this.clock = clock;
        this.tooOld = Counter.builder("ops.monitoring.energy.readings.too-old")
                .description("Common-area meter readings older than the raw retention when they arrived, not counted")
                .register(meters);
    }

    /** A stored reading of a meter. */
    record Reading(String communityId, String deviceId, Instant occurredAt) {
    }

    /** An hour of one meter whose energy is computed again. */
    record MeterHour(String communityId, String deviceId, Instant hour) {
    }

    @Transactional
    public void record(List<MeterReadingReceived> readings) {
        Instant oldest = clock.instant().minus(settings.rawRetention());
        List<MeterReadingReceived> common = new ArrayList<>();
        for (MeterReadingReceived reading : readings) {
            if (reading.areaId() == null
                    || (reading.meterType() != MeterType.ELECTRICITY && reading.meterType() != MeterType.PV_GENERATION)) {
                continue;
            }
            if (reading.occurredAt().isBefore(oldest)) {
                tooOld.increment();
                continue;
            }
            common.add(reading);
        }
        if (common.isEmpty()) {
            return;
        }
        List<Reading> stored = store(common);
        if (stored.isEmpty()) {
            return;
        }
        List<MeterHour> hours = changedHours(stored);
        recompute(hours);
        jdbc.update(connection -> {
            var statement = SqlArrays.statement(connection, """
                    DELETE FROM energy_reading r
                    USING (SELECT DISTINCT * FROM unnest(?::text[], ?::text[])) AS m(community_id, device_id)
                    WHERE r.community_id = m.community_id AND r.device_id = m.device_id AND r.occurred_at < ?""",
                    SqlArrays.of("text", stored, Reading::communityId), SqlArrays.of("text", stored, Reading::deviceId));
            statement.setTimestamp(3, Timestamp.from(oldest));
            return statement;
        });
        anomalies.judge(hours);
    }

    /** Stores the readings; returns those that were not stored before. */
    private List<Reading> store(List<MeterReadingReceived> readings) {
        List<Reading> stored = new ArrayList<>();
        jdbc.query(connection -> SqlArrays.statement(connection, """
                INSERT INTO energy_reading (community_id, device_id, occurred_at, meter_type, area_id, register)
                SELECT * FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::numeric[])
                ORDER BY 1, 2, 3
                ON CONFLICT DO NOTHING
                RETURNING community_id, device_id, occurred_at""",
                SqlArrays.of("text", readings, MeterReadingReceived::communityId),
                SqlArrays.of("text", readings, MeterReadingReceived::deviceId),
                SqlArrays.of("timestamptz", readings, r -> Timestamp.from(r.occurredAt())),
                SqlArrays.of("text", readings, r -> r.meterType().name()),
                SqlArrays.of("text", readings, MeterReadingReceived::areaId),
                SqlArrays.of("numeric", readings, r -> r.register().value())), rs -> {
            stored.add(new Reading(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
        });
        return stored;
    }

    /** Every hour from the one of the reading before each new reading to the one of the reading after it. */
    private List<MeterHour> changedHours(List<Reading> stored) {
        Set<MeterHour> hours = new LinkedHashSet<>();
        jdbc.query(connection -> SqlArrays.statement(connection, """
                SELECT n.community_id, n.device_id, h.hour
                FROM unnest(?::text[], ?::text[], ?::timestamptz[]) AS n(community_id, device_id, occurred_at)
                CROSS JOIN LATERAL (
                    SELECT coalesce(max(r.occurred_at), n.occurred_at) AS at FROM energy_reading r
                    WHERE r.community_id = n.community_id AND r.device_id = n.device_id AND r.occurred_at < n.occurred_at) b
                CROSS JOIN LATERAL (
                    SELECT coalesce(min(r.occurred_at), n.occurred_at) AS at FROM energy_reading r
                    WHERE r.community_id = n.community_id AND r.device_id = n.device_id AND r.occurred_at > n.occurred_at) a
                CROSS JOIN LATERAL generate_series(date_trunc('hour', b.at), date_trunc('hour', a.at), interval '1 hour') AS h(hour)
                ORDER BY 1, 2, 3""",
                SqlArrays.of("text", stored, Reading::communityId), SqlArrays.of("text", stored, Reading::deviceId),
                SqlArrays.of("timestamptz", stored, r -> Timestamp.from(r.occurredAt()))), rs -> {
            hours.add(new MeterHour(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
        });
        return new ArrayList<>(hours);
    }

    /**
     * Computes the energy of each meter hour from the stored registers: the readings in the hour with the last one
     * before it and the first one after it, each increase between consecutive ones spread over time.
     */
    private void recompute(List<MeterHour> hours) {
        jdbc.update(connection -> SqlArrays.statement(connection, """
                WITH t AS (
                    SELECT DISTINCT * FROM unnest(?::text[], ?::text[], ?::timestamptz[]) AS t(community_id, device_id, hour)),
                points AS (
                    SELECT t.community_id, t.device_id, t.hour, r.occurred_at, r.register, r.meter_type, r.area_id
                    FROM t JOIN energy_reading r ON r.community_id = t.community_id AND r.device_id = t.device_id
                         AND r.occurred_at >= t.hour AND r.occurred_at < t.hour + interval '1 hour'
                    UNION ALL
                    SELECT t.community_id, t.device_id, t.hour, b.occurred_at, b.register, b.meter_type, b.area_id
                    FROM t CROSS JOIN LATERAL (
                        SELECT r.occurred_at, r.register, r.meter_type, r.area_id FROM energy_reading r
                        WHERE r.community_id = t.community_id AND r.device_id = t.device_id AND r.occurred_at < t.hour
                        ORDER BY r.occurred_at DESC LIMIT 1) b
                    UNION ALL
                    SELECT t.community_id, t.device_id, t.hour, a.occurred_at, a.register, a.meter_type, a.area_id
                    FROM t CROSS JOIN LATERAL (
                        SELECT r.occurred_at, r.register, r.meter_type, r.area_id FROM energy_reading r
                        WHERE r.community_id = t.community_id AND r.device_id = t.device_id
                          AND r.occurred_at >= t.hour + interval '1 hour'
                        ORDER BY r.occurred_at LIMIT 1) a),
                pairs AS (
                    SELECT community_id, device_id, hour, occurred_at AS t1, register AS r1,
                           lag(occurred_at) OVER w AS t0, lag(register) OVER w AS r0,
                           last_value(meter_type) OVER w AS meter_type, last_value(area_id) OVER w AS area_id
                    FROM points
                    WINDOW w AS (PARTITION BY community_id, device_id, hour ORDER BY occurred_at))
                INSERT INTO energy_hourly AS e (community_id, device_id, hour, meter_type, area_id, energy)
                SELECT community_id, device_id, hour, max(meter_type), max(area_id),
                       round(coalesce(sum(CASE WHEN t0 IS NULL OR r1 <= r0 OR t1 <= hour OR t0 >= hour + interval '1 hour' THEN 0
                           ELSE (r1 - r0) * extract(epoch FROM least(t1, hour + interval '1 hour') - greatest(t0, hour))
                                / extract(epoch FROM t1 - t0) END), 0), 6)
                FROM pairs
                GROUP BY community_id, device_id, hour
                HAVING count(t0) > 0
                ORDER BY 1, 2, 3
                ON CONFLICT (community_id, device_id, hour) DO UPDATE SET energy = EXCLUDED.energy,
                    meter_type = EXCLUDED.meter_type, area_id = EXCLUDED.area_id""",
                SqlArrays.of("text", hours, MeterHour::communityId), SqlArrays.of("text", hours, MeterHour::deviceId),
                SqlArrays.of("timestamptz", hours, h -> Timestamp.from(h.hour()))));
    }
}
