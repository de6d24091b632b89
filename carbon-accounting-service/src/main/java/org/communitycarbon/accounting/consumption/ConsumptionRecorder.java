package org.communitycarbon.accounting.consumption;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Stores a batch of meter readings in two round trips: one insert of the whole batch that skips readings
 * already stored, and one statement that computes the deltas of the new readings (and of any reading a late
 * arrival now precedes).
 */
@Service
public class ConsumptionRecorder {

    private final JdbcTemplate jdbc;
    private final Counter stored;
    private final Counter duplicates;

    ConsumptionRecorder(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.stored = Counter.builder("accounting.meter.readings").tag("outcome", "stored").register(meters);
        this.duplicates = Counter.builder("accounting.meter.readings").tag("outcome", "duplicate").register(meters);
    }

    /** Returns how many of the readings were new. */
    @Transactional
    public int record(List<MeterReadingReceived> readings) {
        if (readings.isEmpty()) {
            return 0;
        }
        List<String> freshDevices = new ArrayList<>();
        List<Timestamp> freshTimes = new ArrayList<>();
        jdbc.query((Connection connection) -> insert(connection, readings), rs -> {
            freshDevices.add(rs.getString(1));
            freshTimes.add(rs.getTimestamp(2));
        });
        if (!freshDevices.isEmpty()) {
            jdbc.update((Connection connection) -> recomputeDeltas(connection, freshDevices, freshTimes));
        }
        stored.increment(freshDevices.size());
        duplicates.increment(readings.size() - freshDevices.size());
        return freshDevices.size();
    }

    private static PreparedStatement insert(Connection connection, List<MeterReadingReceived> readings) throws SQLException {
        int n = readings.size();
        UUID[] ids = new UUID[n];
        String[] communities = new String[n];
        String[] devices = new String[n];
        String[] types = new String[n];
        String[] households = new String[n];
        String[] areas = new String[n];
        Timestamp[] times = new Timestamp[n];
        BigDecimal[] registers = new BigDecimal[n];
        String[] units = new String[n];
        for (int i = 0; i < n; i++) {
            MeterReadingReceived reading = readings.get(i);
            ids[i] = reading.eventId();
            communities[i] = reading.communityId();
            devices[i] = reading.deviceId();
            types[i] = reading.meterType().name();
            households[i] = reading.householdId();
            areas[i] = reading.areaId();
            times[i] = Timestamp.from(reading.occurredAt());
            registers[i] = reading.register().value();
            units[i] = reading.register().unit().name();
        }
        PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO meter_reading (event_id, community_id, device_id, meter_type, household_id, area_id, observed_at, register, unit)
                SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::numeric[], ?::text[])
                ON CONFLICT DO NOTHING
                RETURNING device_id, observed_at""");
        statement.setArray(1, connection.createArrayOf("uuid", ids));
        statement.setArray(2, connection.createArrayOf("text", communities));
        statement.setArray(3, connection.createArrayOf("text", devices));
        statement.setArray(4, connection.createArrayOf("text", types));
        statement.setArray(5, connection.createArrayOf("text", households));
        statement.setArray(6, connection.createArrayOf("text", areas));
        statement.setArray(7, connection.createArrayOf("timestamptz", times));
        statement.setArray(8, connection.createArrayOf("numeric", registers));
        statement.setArray(9, connection.createArrayOf("text", units));
        return statement;
    }

    /**
     * For each device with new readings: from the reading before its earliest new one, recompute each
     * delta as the register minus the previous register; update the rows at or after the earliest new one.
     */
    private static PreparedStatement recomputeDeltas(Connection connection, List<String> devices, List<Timestamp> times)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement("""
                WITH affected AS (
                    SELECT device_id, min(observed_at) AS since
                    FROM unnest(?::text[], ?::timestamptz[]) AS t(device_id, observed_at)
                    GROUP BY device_id
                ), bounds AS (
                    SELECT a.device_id, a.since,
                           coalesce((SELECT max(p.observed_at) FROM meter_reading p
                                     WHERE p.device_id = a.device_id AND p.observed_at < a.since), a.since) AS window_start
                    FROM affected a
                ), recomputed AS (
                    SELECT r.event_id, r.observed_at, b.since,
                           r.register - lag(r.register) OVER (PARTITION BY r.device_id ORDER BY r.observed_at) AS delta
                    FROM meter_reading r JOIN bounds b ON r.device_id = b.device_id
                    WHERE r.observed_at >= b.window_start
                )
                UPDATE meter_reading m
                SET delta = CASE WHEN c.delta >= 0 THEN c.delta END
                FROM recomputed c
                WHERE m.event_id = c.event_id
                  AND c.observed_at >= c.since
                  AND m.delta IS DISTINCT FROM (CASE WHEN c.delta >= 0 THEN c.delta END)""");
        statement.setArray(1, connection.createArrayOf("text", devices.toArray()));
        statement.setArray(2, connection.createArrayOf("timestamptz", times.toArray()));
        return statement;
    }
}
