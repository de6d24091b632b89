package org.communitycarbon.ops.reports;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.communitycarbon.model.reports.MonthlyFigure;
import org.communitycarbon.model.reports.MonthlyFiguresPublished;
import org.communitycarbon.model.reports.ReportSource;
import org.communitycarbon.ops.monitoring.MonitoringSettings;
import org.communitycarbon.support.inbox.ProcessedEvents;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The newest revision of each service's figures of each community's month. A publication is applied once (the inbox)
 * and only when its revision is higher than the one kept, so a late or repeated older revision changes nothing.
 */
@Component
class ReceivedFigures {

    static final String CONSUMER = "monthly-reports";

    private final JdbcClient jdbc;
    private final ProcessedEvents processed;
    private final Clock clock;
    private final ZoneId defaultZone;

    ReceivedFigures(JdbcClient jdbc, ProcessedEvents processed, Clock clock, MonitoringSettings monitoring) {
        this.jdbc = jdbc;
        this.processed = processed;
        this.clock = clock;
        this.defaultZone = monitoring.defaultTimeZone();
    }

    @Transactional
    public void record(List<MonthlyFiguresPublished> events) {
        Set<UUID> fresh = processed.claim(CONSUMER, events.stream().map(MonthlyFiguresPublished::eventId).toList());
        Timestamp now = Timestamp.from(clock.instant());
        for (MonthlyFiguresPublished event : events) {
            if (!fresh.contains(event.eventId())) {
                continue;
            }
            int kept = jdbc.sql("""
                    INSERT INTO monthly_figures_received (community_id, month, source, revision, complete, zone, counted_at, received_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (community_id, month, source) DO UPDATE SET revision = EXCLUDED.revision,
                        complete = EXCLUDED.complete, zone = EXCLUDED.zone, counted_at = EXCLUDED.counted_at,
                        received_at = EXCLUDED.received_at
                    WHERE monthly_figures_received.revision < EXCLUDED.revision""")
                    .params(event.communityId(), event.month(), event.source().name(), event.revision(), event.complete(),
                            event.zone(), Timestamp.from(event.occurredAt()), now)
                    .update();
            if (kept == 0) {
                continue;
            }
            jdbc.sql("DELETE FROM monthly_figure WHERE community_id = ? AND month = ? AND source = ?")
                    .params(event.communityId(), event.month(), event.source().name()).update();
            Map<String, MonthlyFigure> byName = new TreeMap<>();
            for (MonthlyFigure figure : event.figures()) {
                byName.put(figure.name(), figure);
            }
            for (MonthlyFigure figure : byName.values()) {
                jdbc.sql("INSERT INTO monthly_figure (community_id, month, source, name, value, unit) VALUES (?, ?, ?, ?, ?, ?)")
                        .params(event.communityId(), event.month(), event.source().name(), figure.name(), figure.value(),
                                figure.unit().name())
                        .update();
            }
        }
    }

    /** One source's figures of a community's month as kept. */
    record SourceFigures(ReportSource source, int revision, boolean complete, Instant countedAt, Map<String, BigDecimal> values) {
    }

    /** What the sources published of a community's month; a source that published nothing is absent. */
    record CommunityMonth(String communityId, YearMonth month, Map<ReportSource, SourceFigures> sources) {
    }

    /** The figures of the communities' month, each community in the order given. */
    @Transactional(readOnly = true)
    public List<CommunityMonth> of(List<String> communities, YearMonth month) {
        Map<String, Map<ReportSource, SourceFigures>> found = new HashMap<>();
        Map<String, Map<ReportSource, Map<String, BigDecimal>>> values = new HashMap<>();
        String key = month.toString();
        String[] ids = communities.toArray(String[]::new);
        jdbc.sql("""
                SELECT community_id, source, name, value FROM monthly_figure WHERE month = ? AND community_id = ANY(?)""")
                .params(key, ids)
                .query(rs -> {
                    values.computeIfAbsent(rs.getString(1), c -> new EnumMap<>(ReportSource.class))
                            .computeIfAbsent(ReportSource.valueOf(rs.getString(2)), s -> new TreeMap<>())
                            .put(rs.getString(3), rs.getBigDecimal(4).stripTrailingZeros());
                });
        jdbc.sql("""
                SELECT community_id, source, revision, complete, counted_at FROM monthly_figures_received
                WHERE month = ? AND community_id = ANY(?)""")
                .params(key, ids)
                .query(rs -> {
                    String community = rs.getString(1);
                    ReportSource source = ReportSource.valueOf(rs.getString(2));
                    Map<String, BigDecimal> figures = values.getOrDefault(community, Map.of()).getOrDefault(source, Map.of());
                    found.computeIfAbsent(community, c -> new EnumMap<>(ReportSource.class)).put(source, new SourceFigures(source,
                            rs.getInt(3), rs.getBoolean(4), rs.getTimestamp(5).toInstant(), plain(figures)));
                });
        List<CommunityMonth> months = new ArrayList<>(communities.size());
        for (String community : communities) {
            months.add(new CommunityMonth(community, month, found.getOrDefault(community, Map.of())));
        }
        return months;
    }

    private static Map<String, BigDecimal> plain(Map<String, BigDecimal> values) {
        Map<String, BigDecimal> plain = new TreeMap<>();
        values.forEach((name, value) -> plain.put(name, value.scale() < 0 ? value.setScale(0) : value));
        return plain;
    }

    /** A community as the registry described it to ops: its time zone and street. */
    record Community(String id, ZoneId zone, @Nullable String streetId) {
    }

    /**
     * The communities ops knows of — described by the registry, or with figures received — with their time zone (the
     * default one for a community the registry has not described) and street.
     */
    @Transactional(readOnly = true)
    public Map<String, Community> communities() {
        Map<String, Community> communities = new TreeMap<>();
        jdbc.sql("""
                SELECT community_id, time_zone, street_id FROM monitoring_community
                UNION ALL
                SELECT DISTINCT r.community_id, NULL, NULL FROM monthly_figures_received r
                WHERE NOT EXISTS (SELECT 1 FROM monitoring_community m WHERE m.community_id = r.community_id)""")
                .query(rs -> {
                    String id = rs.getString(1);
                    communities.put(id, new Community(id, rs.getString(2) == null ? defaultZone : ZoneId.of(rs.getString(2)),
                            rs.getString(3)));
                });
        return communities;
    }

    /** The months of which any source published figures of any of the communities. */
    @Transactional(readOnly = true)
    public List<Map.Entry<String, YearMonth>> monthsWithFigures(Collection<String> communities) {
        return jdbc.sql("SELECT DISTINCT community_id, month FROM monthly_figures_received WHERE community_id = ANY(?) ORDER BY 2, 1")
                .param(communities.toArray(String[]::new))
                .query((rs, row) -> Map.entry(rs.getString(1), YearMonth.parse(rs.getString(2))))
                .list();
    }
}
