package org.communitycarbon.recycling.performance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.communitycarbon.recycling.recycler.RecyclerView;
import org.communitycarbon.recycling.recycler.Recyclers;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the recyclers' performance from the pickups themselves: two grouped queries over a community's bookings of a
 * period (by their booking time), one for the counts, one for the kilograms per category. A pickup counts for the
 * recycler it is dispatched to now: a reassigned pickup, with its deadlines, moves to the new recycler.
 */
@Service
class RecyclerPerformanceQuery {

    private static final String COUNTS = """
            SELECT b.recycler_id,
                   count(*) AS orders,
                   count(*) FILTER (WHERE b.status = 'COLLECTED') AS collected,
                   count(*) FILTER (WHERE b.status = 'CANCELLED') AS cancelled,
                   count(*) FILTER (WHERE b.dispatch_missed_at IS NULL) AS dispatched_on_time,
                   count(*) FILTER (WHERE b.status = 'COLLECTED' OR b.arrival_missed_at IS NOT NULL) AS visits_due,
                   count(*) FILTER (WHERE b.status = 'COLLECTED' AND b.arrival_missed_at IS NULL) AS visits_on_time,
                   count(b.rating) AS ratings,
                   avg(b.rating) AS average_rating,
                   coalesce(sum(b.weighed_kg), 0) AS collected_kg
            FROM pickup_booking b
            WHERE b.community_id = ? AND b.recycler_id IS NOT NULL AND b.requested_at >= ? AND b.requested_at < ?
            GROUP BY b.recycler_id""";

    private static final String KG = """
            SELECT b.recycler_id, i.category, sum(i.weight_kg) AS kg
            FROM pickup_booking b JOIN pickup_item i ON i.pickup_id = b.id
            WHERE b.community_id = ? AND b.recycler_id IS NOT NULL AND b.requested_at >= ? AND b.requested_at < ?
            GROUP BY b.recycler_id, i.category""";

    private final JdbcTemplate jdbc;
    private final Recyclers recyclers;

    RecyclerPerformanceQuery(JdbcTemplate jdbc, Recyclers recyclers) {
        this.jdbc = jdbc;
        this.recyclers = recyclers;
    }

    @Transactional(readOnly = true)
    PerformanceReport of(String communityId, LocalDate from, LocalDate to, ZoneId zone) {
        Timestamp start = Timestamp.from(from.atStartOfDay(zone).toInstant());
        Timestamp end = Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant());
        Map<String, Map<String, BigDecimal>> kg = new HashMap<>();
        jdbc.query(KG, (ResultSet rs) -> {
            kg.computeIfAbsent(rs.getString("recycler_id"), r -> new TreeMap<>()).put(rs.getString("category"),
                    rs.getBigDecimal("kg").stripTrailingZeros());
        }, communityId, start, end);
        Map<String, RecyclerPerformance> found = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        List<RecyclerView> serving = recyclers.ofCommunity(communityId);
        serving.forEach(recycler -> names.put(recycler.id(), recycler.name()));
        jdbc.query(COUNTS, (ResultSet rs) -> {
            String id = rs.getString("recycler_id");
            found.put(id, row(rs, id, kg.getOrDefault(id, Map.of())));
        }, communityId, start, end);
        TreeSet<String> ids = new TreeSet<>(names.keySet());
        ids.addAll(found.keySet());
        List<RecyclerPerformance> report = new ArrayList<>();
        for (String id : ids) {
            String name = names.computeIfAbsent(id, other -> recyclers.find(other).map(RecyclerView::name).orElse(other));
            RecyclerPerformance row = found.get(id);
            report.add(row == null ? new RecyclerPerformance(id, name, 0, 0, 0, 0, null, 0, 0, null, 0, null, BigDecimal.ZERO, Map.of())
                    : new RecyclerPerformance(id, name, row.orders(), row.collected(), row.cancelled(), row.dispatchedOnTime(),
                            row.onTimeDispatchRate(), row.visitsDue(), row.visitsOnTime(), row.onTimeVisitRate(), row.ratings(),
                            row.averageRating(), row.collectedKg(), row.kgByCategory()));
        }
        return new PerformanceReport(communityId, from, to, zone.getId(), report);
    }

    private static RecyclerPerformance row(ResultSet rs, String id, Map<String, BigDecimal> kg) throws SQLException {
        long orders = rs.getLong("orders");
        long onTime = rs.getLong("dispatched_on_time");
        long due = rs.getLong("visits_due");
        long visited = rs.getLong("visits_on_time");
        BigDecimal average = rs.getBigDecimal("average_rating");
        return new RecyclerPerformance(id, id, orders, rs.getLong("collected"), rs.getLong("cancelled"), onTime, rate(onTime, orders),
                due, visited, rate(visited, due), rs.getLong("ratings"),
                average == null ? null : average.setScale(2, RoundingMode.HALF_UP), rs.getBigDecimal("collected_kg").stripTrailingZeros(),
                kg);
    }

    private static @Nullable BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 3, RoundingMode.HALF_UP);
    }
}
