package org.communitycarbon.ops.reports;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.reports.ReportSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the monthly reports: once a month has ended in a community's time zone and every source has published it
 * complete — or {@code ops.reports.keep-after} (3 days) after it ended, then marked incomplete — the community's report
 * is composed and kept, and so is its street's once every community of the street is due. A source's later revision
 * keeps a new revision of the report; the old ones stay (the table is append-only).
 */
@Component
class KeptReports {

    private static final Logger log = LoggerFactory.getLogger(KeptReports.class);

    static final String COMMUNITY = "COMMUNITY";
    static final String STREET = "STREET";

    private final JdbcClient jdbc;
    private final ReceivedFigures received;
    private final ReportSettings settings;
    private final JsonMapper json;
    private final Clock clock;

    KeptReports(JdbcClient jdbc, ReceivedFigures received, ReportSettings settings, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.received = received;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${ops.reports.keep-interval:PT1H}", initialDelayString = "PT3M")
    void scheduled() {
        if (!settings.keepEnabled()) {
            return;
        }
        try {
            int kept = keepDue();
            if (kept > 0) {
                log.info("Kept {} monthly reports", kept);
            }
        }
        catch (RuntimeException e) {
            log.warn("Keeping the monthly reports failed, next try in {}: {}", settings.keepInterval(), e.getMessage());
        }
    }

    /** Keeps every report that is due and not kept as it is now; returns how many were kept. */
    @Transactional
    public int keepDue() {
        // one instance at a time, so that two never keep the same revision
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('ops.monthly-report-keeping'))").query().singleValue();
        Instant now = clock.instant();
        Map<String, ReceivedFigures.Community> communities = received.communities();
        Map<YearMonth, Set<String>> byMonth = new TreeMap<>();
        for (Map.Entry<String, YearMonth> withFigures : received.monthsWithFigures(communities.keySet())) {
            byMonth.computeIfAbsent(withFigures.getValue(), m -> new TreeSet<>()).add(withFigures.getKey());
        }
        Map<String, Set<String>> streets = new TreeMap<>();
        communities.values().forEach(c -> {
            if (c.streetId() != null) {
                streets.computeIfAbsent(c.streetId(), s -> new TreeSet<>()).add(c.id());
            }
        });
        int kept = 0;
        for (Map.Entry<YearMonth, Set<String>> month : byMonth.entrySet()) {
            Map<String, Boolean> due = new HashMap<>();
            for (String community : month.getValue()) {
                ReceivedFigures.CommunityMonth figures = received.of(List.of(community), month.getKey()).get(0);
                if (due(figures, communities.get(community), now)) {
                    due.put(community, true);
                    kept += keep(COMMUNITY, community, List.of(community), month.getKey(), communities, now) ? 1 : 0;
                }
            }
            for (Map.Entry<String, Set<String>> street : streets.entrySet()) {
                if (street.getValue().stream().noneMatch(month.getValue()::contains)) {
                    continue;
                }
                boolean allDue = street.getValue().stream().allMatch(c -> due.containsKey(c)
                        || (!month.getValue().contains(c) && graceOver(communities.get(c), month.getKey(), now)));
                if (allDue) {
                    kept += keep(STREET, street.getKey(), List.copyOf(street.getValue()), month.getKey(), communities, now) ? 1 : 0;
                }
            }
        }
        return kept;
    }

    private boolean due(ReceivedFigures.CommunityMonth figures, ReceivedFigures.@Nullable Community community, Instant now) {
        if (!ended(community, figures.month(), now)) {
            return false;
        }
        boolean allComplete = figures.sources().size() == ReportSource.values().length
                && figures.sources().values().stream().allMatch(ReceivedFigures.SourceFigures::complete);
        return allComplete || graceOver(community, figures.month(), now);
    }

    private static boolean ended(ReceivedFigures.@Nullable Community community, YearMonth month, Instant now) {
        return community != null && !now.isBefore(month.plusMonths(1).atDay(1).atStartOfDay(community.zone()).toInstant());
    }

    private boolean graceOver(ReceivedFigures.@Nullable Community community, YearMonth month, Instant now) {
        return community != null
                && !now.isBefore(month.plusMonths(1).atDay(1).atStartOfDay(community.zone()).toInstant().plus(settings.keepAfter()));
    }

    /** Keeps a new revision of the report if what it is composed from changed since the last one. */
    private boolean keep(String scope, String scopeId, List<String> members, YearMonth month,
            Map<String, ReceivedFigures.Community> communities, Instant now) {
        List<ReceivedFigures.CommunityMonth> figures = received.of(members, month);
        String digest = digest(figures);
        Optional<Kept> last = jdbc.sql("""
                SELECT revision, digest FROM monthly_report WHERE scope = ? AND scope_id = ? AND month = ?
                ORDER BY revision DESC LIMIT 1""")
                .params(scope, scopeId, month.toString())
                .query((rs, row) -> new Kept(rs.getInt(1), rs.getString(2)))
                .optional();
        if (last.isPresent() && last.get().digest().equals(digest)) {
            return false;
        }
        int revision = last.map(k -> k.revision() + 1).orElse(1);
        Map<String, String> streets = new HashMap<>();
        communities.values().forEach(c -> {
            if (c.streetId() != null) {
                streets.put(c.id(), c.streetId());
            }
        });
        MonthlyReport report = ReportComposer.compose(month, figures, received.of(members, month.minusMonths(1)), streets, now,
                scope, scopeId, revision);
        jdbc.sql("""
                INSERT INTO monthly_report (id, scope, scope_id, month, revision, community_ids, complete, digest, snapshot, generated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::json, ?)""")
                .params(idOf(scope, scopeId, month, revision), scope, scopeId, month.toString(), revision,
                        members.toArray(String[]::new), report.complete(), digest, json.writeValueAsString(report), Timestamp.from(now))
                .update();
        return true;
    }

    static UUID idOf(String scope, String scopeId, YearMonth month, int revision) {
        return EventIds.of("monthly-report", scope, scopeId, month.toString(), Integer.toString(revision));
    }

    /** What a report is composed from: each community's sources with their revisions and completeness. */
    private static String digest(List<ReceivedFigures.CommunityMonth> figures) {
        StringBuilder text = new StringBuilder();
        for (ReceivedFigures.CommunityMonth community : figures) {
            text.append(community.communityId()).append(':');
            for (ReportSource source : ReportSource.values()) {
                ReceivedFigures.SourceFigures got = community.sources().get(source);
                text.append(source.name()).append('=').append(got == null ? "-" : got.revision() + (got.complete() ? "c" : "r")).append(' ');
            }
            text.append(';');
        }
        return text.toString();
    }

    private record Kept(int revision, String digest) {
    }

    /** A kept report, without its snapshot. */
    record KeptReport(UUID id, String scope, String scopeId, String month, int revision, List<String> communityIds,
            boolean complete, Instant generatedAt) {
    }

    /**
     * The kept reports the caller's scope covers, newest month first, each revision.
     *
     * @param communities the communities whose reports are listed; null for all (an admin)
     * @param street the street whose reports are listed too
     */
    @Transactional(readOnly = true)
    public List<KeptReport> list(@Nullable Set<String> communities, @Nullable String street, @Nullable YearMonth month) {
        String[] mine = communities == null ? new String[0] : communities.toArray(String[]::new);
        return jdbc.sql("""
                SELECT id, scope, scope_id, month, revision, community_ids, complete, generated_at FROM monthly_report
                WHERE (:all OR (scope = 'COMMUNITY' AND scope_id = ANY(:mine)) OR (scope = 'STREET' AND scope_id = :street))
                  AND (:month::text IS NULL OR month = :month)
                ORDER BY month DESC, scope, scope_id, revision DESC
                LIMIT 1000""")
                .param("all", communities == null).param("mine", mine).param("street", street == null ? "" : street)
                .param("month", month == null ? null : month.toString())
                .query((rs, row) -> new KeptReport(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), strings(rs.getArray(6)), rs.getBoolean(7), rs.getTimestamp(8).toInstant()))
                .list();
    }

    /** A kept report and its snapshot as kept. */
    record Snapshot(KeptReport report, String json) {
    }

    @Transactional(readOnly = true)
    public Optional<Snapshot> find(UUID id) {
        return jdbc.sql("""
                SELECT id, scope, scope_id, month, revision, community_ids, complete, generated_at, snapshot::text
                FROM monthly_report WHERE id = ?""")
                .param(id)
                .query((rs, row) -> new Snapshot(new KeptReport(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5), strings(rs.getArray(6)), rs.getBoolean(7), rs.getTimestamp(8).toInstant()),
                        rs.getString(9)))
                .optional();
    }

    private static List<String> strings(Array array) throws java.sql.SQLException {
        return new ArrayList<>(Arrays.asList((String[]) array.getArray()));
    }
}
