package org.communitycarbon.accounting.rollup;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.support.persistence.SqlArrays;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds changes to the daily rollups, inside the caller's transaction: the recorders call it with what their own
 * statements report as inserted or changed, so a reading or deposit delivered again adds nothing, and a rollup
 * always equals the sum of the rows it rolls up. Each call is two upserts per table pair (the household or area
 * rows, then the community's), whatever the batch's size; rows are upserted in key order so that two transactions
 * lock them in the same order and never deadlock.
 */
@Component
public class Rollups {

    private final JdbcTemplate jdbc;
    private final FactorCatalog catalog;

    Rollups(JdbcTemplate jdbc, FactorCatalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    /**
     * What one stored reading adds to its day: its delta (zero when it has none), the reading itself ({@code readings}
     * 1 when inserted, 0 when its judgement changed) and whether it is flagged (+1, or -1 when a flag was lifted).
     * A changed reading is given twice: its old state negated, its new state.
     */
    public record ConsumptionChange(String communityId, Instant observedAt, @Nullable String householdId, @Nullable String areaId,
            String meterType, @Nullable Long factorId, BigDecimal delta, int readings, int flagged) {
    }

    /** What one recorded reduction adds to its day. */
    public record ReductionChange(String communityId, Instant occurredAt, String householdId, String behaviour, long factorId,
            BigDecimal activity, BigDecimal reduction) {
    }

    private record ConsumptionKey(String communityId, LocalDate day, String householdId, String areaId, String meterType,
            long factorId) {
    }

    private record CommunityConsumptionKey(String communityId, LocalDate day, String scope, String meterType, long factorId) {
    }

    private record ReductionKey(String communityId, LocalDate day, String householdId, String behaviour, long factorId) {
    }

    private record CommunityReductionKey(String communityId, LocalDate day, String behaviour, long factorId) {
    }

    /** Sums: consumption or activity, reduction, and counts. */
    private static final class Sum {
        BigDecimal a = BigDecimal.ZERO;
        BigDecimal b = BigDecimal.ZERO;
        int n;
        int m;

        boolean isZero() {
            return a.signum() == 0 && b.signum() == 0 && n == 0 && m == 0;
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void addConsumption(List<ConsumptionChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Map<String, ZoneId> zones = new LinkedHashMap<>();
        Map<ConsumptionKey, Sum> rows = new LinkedHashMap<>();
        Map<CommunityConsumptionKey, Sum> communityRows = new LinkedHashMap<>();
        for (ConsumptionChange c : changes) {
            ZoneId zone = zones.computeIfAbsent(c.communityId(), catalog::zoneOf);
            LocalDate day = LocalCalendar.dayOf(c.observedAt(), zone);
            long factor = c.factorId() == null ? 0L : c.factorId();
            String household = c.householdId() == null ? "" : c.householdId();
            String area = c.areaId() == null ? "" : c.areaId();
            add(rows.computeIfAbsent(new ConsumptionKey(c.communityId(), day, household, area, c.meterType(), factor), k -> new Sum()), c);
            add(communityRows.computeIfAbsent(new CommunityConsumptionKey(c.communityId(), day,
                    household.isEmpty() ? "COMMON_AREA" : "HOUSEHOLD", c.meterType(), factor), k -> new Sum()), c);
        }
        List<Map.Entry<ConsumptionKey, Sum>> household = nonZero(rows);
        if (!household.isEmpty()) {
            jdbc.update(connection -> SqlArrays.statement(connection, """
                    INSERT INTO consumption_day AS t (community_id, day, household_id, area_id, meter_type, factor_id, consumption,
                                                      readings, flagged)
                    SELECT * FROM unnest(?::text[], ?::date[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::numeric[],
                                         ?::integer[], ?::integer[]) AS c
                    ORDER BY 1, 2, 3, 4, 5, 6
                    ON CONFLICT (community_id, day, household_id, area_id, meter_type, factor_id) DO UPDATE
                    SET consumption = t.consumption + EXCLUDED.consumption, readings = t.readings + EXCLUDED.readings,
                        flagged = t.flagged + EXCLUDED.flagged""",
                    column("text", household, e -> e.getKey().communityId()),
                    column("date", household, e -> java.sql.Date.valueOf(e.getKey().day())),
                    column("text", household, e -> e.getKey().householdId()),
                    column("text", household, e -> e.getKey().areaId()),
                    column("text", household, e -> e.getKey().meterType()),
                    column("bigint", household, e -> e.getKey().factorId()),
                    column("numeric", household, e -> e.getValue().a),
                    column("integer", household, e -> e.getValue().n),
                    column("integer", household, e -> e.getValue().m)));
        }
        List<Map.Entry<CommunityConsumptionKey, Sum>> community = nonZero(communityRows);
        if (!community.isEmpty()) {
            jdbc.update(connection -> SqlArrays.statement(connection, """
                    INSERT INTO community_consumption_day AS t (community_id, day, scope, meter_type, factor_id, consumption, readings,
                                                                flagged)
                    SELECT * FROM unnest(?::text[], ?::date[], ?::text[], ?::text[], ?::bigint[], ?::numeric[], ?::integer[],
                                         ?::integer[]) AS c
                    ORDER BY 1, 2, 3, 4, 5
                    ON CONFLICT (community_id, day, scope, meter_type, factor_id) DO UPDATE
                    SET consumption = t.consumption + EXCLUDED.consumption, readings = t.readings + EXCLUDED.readings,
                        flagged = t.flagged + EXCLUDED.flagged""",
                    column("text", community, e -> e.getKey().communityId()),
                    column("date", community, e -> java.sql.Date.valueOf(e.getKey().day())),
                    column("text", community, e -> e.getKey().scope()),
                    column("text", community, e -> e.getKey().meterType()),
                    column("bigint", community, e -> e.getKey().factorId()),
                    column("numeric", community, e -> e.getValue().a),
                    column("integer", community, e -> e.getValue().n),
                    column("integer", community, e -> e.getValue().m)));
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void addReductions(List<ReductionChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Map<String, ZoneId> zones = new LinkedHashMap<>();
        Map<ReductionKey, Sum> rows = new LinkedHashMap<>();
        Map<CommunityReductionKey, Sum> communityRows = new LinkedHashMap<>();
        for (ReductionChange c : changes) {
            LocalDate day = LocalCalendar.dayOf(c.occurredAt(), zones.computeIfAbsent(c.communityId(), catalog::zoneOf));
            add(rows.computeIfAbsent(new ReductionKey(c.communityId(), day, c.householdId(), c.behaviour(), c.factorId()),
                    k -> new Sum()), c);
            add(communityRows.computeIfAbsent(new CommunityReductionKey(c.communityId(), day, c.behaviour(), c.factorId()),
                    k -> new Sum()), c);
        }
        List<Map.Entry<ReductionKey, Sum>> household = new ArrayList<>(rows.entrySet());
        jdbc.update(connection -> SqlArrays.statement(connection, """
                INSERT INTO reduction_day AS t (community_id, day, household_id, behaviour, factor_id, activity, reduction, reductions)
                SELECT * FROM unnest(?::text[], ?::date[], ?::text[], ?::text[], ?::bigint[], ?::numeric[], ?::numeric[], ?::integer[]) AS c
                ORDER BY 1, 2, 3, 4, 5
                ON CONFLICT (community_id, day, household_id, behaviour, factor_id) DO UPDATE
                SET activity = t.activity + EXCLUDED.activity, reduction = t.reduction + EXCLUDED.reduction,
                    reductions = t.reductions + EXCLUDED.reductions""",
                column("text", household, e -> e.getKey().communityId()),
                column("date", household, e -> java.sql.Date.valueOf(e.getKey().day())),
                column("text", household, e -> e.getKey().householdId()),
                column("text", household, e -> e.getKey().behaviour()),
                column("bigint", household, e -> e.getKey().factorId()),
                column("numeric", household, e -> e.getValue().a),
                column("numeric", household, e -> e.getValue().b),
                column("integer", household, e -> e.getValue().n)));
        List<Map.Entry<CommunityReductionKey, Sum>> community = new ArrayList<>(communityRows.entrySet());
        jdbc.update(connection -> SqlArrays.statement(connection, """
                INSERT INTO community_reduction_day AS t (community_id, day, behaviour, factor_id, activity, reduction, reductions)
                SELECT * FROM unnest(?::text[], ?::date[], ?::text[], ?::bigint[], ?::numeric[], ?::numeric[], ?::integer[]) AS c
                ORDER BY 1, 2, 3, 4
                ON CONFLICT (community_id, day, behaviour, factor_id) DO UPDATE
                SET activity = t.activity + EXCLUDED.activity, reduction = t.reduction + EXCLUDED.reduction,
                    reductions = t.reductions + EXCLUDED.reductions""",
                column("text", community, e -> e.getKey().communityId()),
                column("date", community, e -> java.sql.Date.valueOf(e.getKey().day())),
                column("text", community, e -> e.getKey().behaviour()),
                column("bigint", community, e -> e.getKey().factorId()),
                column("numeric", community, e -> e.getValue().a),
                column("numeric", community, e -> e.getValue().b),
                column("integer", community, e -> e.getValue().n)));
    }

    private static void add(Sum sum, ConsumptionChange change) {
        sum.a = sum.a.add(change.delta());
        sum.n += change.readings();
        sum.m += change.flagged();
    }

    private static void add(Sum sum, ReductionChange change) {
        sum.a = sum.a.add(change.activity());
        sum.b = sum.b.add(change.reduction());
        sum.n += 1;
    }

    private static <K> List<Map.Entry<K, Sum>> nonZero(Map<K, Sum> rows) {
        return rows.entrySet().stream().filter(e -> !e.getValue().isZero()).toList();
    }

    private static <K> SqlArrays.Column column(String type, List<Map.Entry<K, Sum>> rows, Function<Map.Entry<K, Sum>, ?> value) {
        return SqlArrays.of(type, rows, value);
    }
}
