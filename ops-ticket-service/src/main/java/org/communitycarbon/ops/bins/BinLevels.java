package org.communitycarbon.ops.bins;

import java.sql.Timestamp;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.communitycarbon.model.sensing.BinStatusReported;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the newest fill level per bin; replays and late readings leave it as it is. */
@Service
class BinLevels {

    /** The most bins one community answer lists. */
    static final int MAX_BINS = 2000;

    private final JdbcTemplate jdbc;
    private final JdbcClient client;

    BinLevels(JdbcTemplate jdbc, JdbcClient client) {
        this.jdbc = jdbc;
        this.client = client;
    }

    @Transactional
    public void record(List<BinStatusReported> statuses) {
        // the newest reading per bin in this batch; ordered by key so concurrent batches lock rows in the same order
        Map<String, BinStatusReported> newest = new LinkedHashMap<>();
        statuses.stream().sorted(Comparator.comparing((BinStatusReported s) -> s.communityId() + '\u0000' + s.deviceId())
                .thenComparing(BinStatusReported::occurredAt))
                .forEach(status -> newest.put(status.communityId() + '\u0000' + status.deviceId(), status));
        jdbc.batchUpdate("""
                INSERT INTO bin_level (community_id, device_id, drop_point_id, waste_kind, filling_level, observed_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (community_id, device_id) DO UPDATE
                SET drop_point_id = excluded.drop_point_id, waste_kind = excluded.waste_kind,
                    filling_level = excluded.filling_level, observed_at = excluded.observed_at
                WHERE bin_level.observed_at < excluded.observed_at""", newest.values(), newest.size(), (statement, status) -> {
            statement.setString(1, status.communityId());
            statement.setString(2, status.deviceId());
            statement.setString(3, status.dropPointId());
            statement.setString(4, status.wasteKind() == null ? null : status.wasteKind().name());
            statement.setBigDecimal(5, status.fillingLevel().value());
            statement.setTimestamp(6, Timestamp.from(status.occurredAt()));
        });
    }

    @Transactional(readOnly = true)
    public List<BinLevel> of(String communityId) {
        return client.sql("""
                SELECT device_id, drop_point_id, waste_kind, filling_level, observed_at FROM bin_level
                WHERE community_id = ? ORDER BY drop_point_id NULLS LAST, device_id LIMIT ?""")
                .params(communityId, MAX_BINS)
                .query((row, index) -> new BinLevel(row.getString(1), row.getString(2), row.getString(3), row.getBigDecimal(4),
                        row.getTimestamp(5).toInstant()))
                .list();
    }
}
