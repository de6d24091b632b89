package org.communitycarbon.ops.monitoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.sensing.EnvironmentMeasure;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads of the environment: the latest value of each measure per area, and an area's hourly rollups. */
@Service
class EnvironmentHistory {

    private final JdbcClient jdbc;

    EnvironmentHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The latest value of each measure of each area of a community, areas in id order. */
    @Transactional(readOnly = true)
    List<AreaLatest> latest(String communityId) {
        Map<String, AreaLatest> areas = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT area_id, measure, value, device_id, observed_at FROM environment_latest WHERE community_id = ?
                ORDER BY area_id, measure""")
                .param(communityId)
                .query(rs -> {
                    EnvironmentMeasure measure = EnvironmentMeasure.valueOf(rs.getString(2));
                    areas.computeIfAbsent(rs.getString(1), area -> new AreaLatest(area, new ArrayList<>())).measures()
                            .add(new Latest(measure, Quantity.of(plain(rs.getBigDecimal(3)), measure.unit()), rs.getString(4),
                                    rs.getTimestamp(5).toInstant()));
                });
        return List.copyOf(areas.values());
    }

    /** An area's hourly rollups from {@code from} (inclusive) to {@code to} (exclusive), oldest first. */
    @Transactional(readOnly = true)
    List<Hour> hourly(String communityId, String areaId, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT hour, measure, samples, total, minimum, maximum FROM environment_hourly
                WHERE community_id = ? AND area_id = ? AND hour >= ? AND hour < ?
                ORDER BY hour, measure""")
                .params(communityId, areaId, Timestamp.from(from), Timestamp.from(to))
                .query((rs, row) -> {
                    EnvironmentMeasure measure = EnvironmentMeasure.valueOf(rs.getString(2));
                    int samples = rs.getInt(3);
                    BigDecimal average = rs.getBigDecimal(4).divide(BigDecimal.valueOf(samples), measure.scale() + 1,
                            RoundingMode.HALF_UP);
                    return new Hour(rs.getTimestamp(1).toInstant(), measure, samples,
                            Quantity.of(plain(rs.getBigDecimal(5)), measure.unit()), Quantity.of(plain(average), measure.unit()),
                            Quantity.of(plain(rs.getBigDecimal(6)), measure.unit()));
                })
                .list();
    }

    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** An area and the latest value of each measure observed there. */
    record AreaLatest(String areaId, List<Latest> measures) {
    }

    /** A measure's latest value, the sensor that observed it and when. */
    record Latest(EnvironmentMeasure measure, Quantity value, String deviceId, Instant observedAt) {
    }

    /**
     * One measure over one hour.
     *
     * @param hour the hour's start (UTC)
     * @param samples how many observations
     * @param average their mean, one decimal place more than the measure's resolution
     */
    record Hour(Instant hour, EnvironmentMeasure measure, int samples, Quantity minimum, Quantity average, Quantity maximum) {
    }
}
