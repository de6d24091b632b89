package org.communitycarbon.accounting.rollup;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.support.persistence.SqlArrays;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds changes to the hourly, daily and monthly rollups and the households' monthly totals ({@code household_month}),
 * inside the caller's transaction: the recorders call it with what their own
 * statements report as inserted or changed, so a reading or deposit delivered again adds nothing, and a rollup
 * always equals the sum of the rows it rolls up. Each call is two upserts per table pair (the household or area
 * rows, then the community's) per day and per hour, and one for the devices' daily data quality, whatever the batch's size; rows are upserted in key order, and the tables always in the
 * same order, so that two transactions lock them in the same order and never deadlock. The community's rows, which every
 * transaction of its readings updates, come last: a transaction holds their locks only for its last statements and commit,
 * so concurrent consumers of the readings wait for each other only that long.
 */
@Component
public class Rollups {

    /**
     * An advisory lock taken shared by each transaction that rolls up common-area readings before it reads which areas
     * are master meters, and exclusively by a designation: a reading is never rolled up in the scope an area just left.
     */
    public static final long MASTER_METERS_LOCK = 0x6d61737465724dL;

    private final JdbcTemplate jdbc;
    private final FactorCatalog catalog;

    Rollups(JdbcTemplate jdbc, FactorCatalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    /**
     * What one stored reading adds to its day and hour: its delta (zero when it has none), the reading itself
     * ({@code readings} 1 when inserted, 0 when its judgement changed) and its quality, counted {@code sign} (+1, or -1
     * for the state a change removed). A changed reading is given twice: its old state negated, its new state.
     */
    public record ConsumptionChange(String communityId, String deviceId, Instant observedAt, @Nullable String householdId,
            @Nullable String areaId, String meterType, @Nullable Long factorId, BigDecimal delta, int readings, String quality,
            int sign) {

        /** +1 or -1 when the state is flagged (GLITCH, RESET, JUMP, PENDING: not counted, shown), else 0. */
        int flagged() {
            return quality.equals("FIRST") || quality.equals("OK") ? 0 : sign;
        }
    }

    /**
     * The account of a community's own reductions (PV generation), {@link CarbonReductionRecorded#COMMUNITY_ACCOUNT}: they
     * are added to {@code community_reduction_day} only, never to a household's {@code reduction_day}, so community and
     * street sums count them once and household figures and rankings leave them out.
     */
    public static final String COMMUNITY_ACCOUNT = CarbonReductionRecorded.COMMUNITY_ACCOUNT;

    /** What one recorded reduction adds to its day. */
    public record ReductionChange(String communityId, Instant occurredAt, String householdId, String behaviour, long factorId,
            BigDecimal activity, BigDecimal reduction) {
    }

    private record ConsumptionKey(String communityId, LocalDate day, String householdId, String areaId, String meterType,
            long factorId) {
    }

    private record CommunityConsumptionKey(String communityId, LocalDate day, String scope, String meterType, long factorId) {
    }

    private record HourKey(String communityId, Instant hour, String householdId, String areaId, String meterType, long factorId) {
    }

    private record CommunityHourKey(String communityId, Instant hour, String scope, String meterType, long factorId) {
    }

    private record DeviceDayKey(String communityId, LocalDate day, String deviceId) {
    }

    /** A device's readings of a day, and of them the flagged ones by quality. */
    private static final class DeviceDay {
        String meterType = "";
        String householdId = "";
        String areaId = "";
        int readings;
        int first;
        int glitch;
        int reset;
        int jump;
        int pending;

        boolean isZero() {
            return readings == 0 && first == 0 && glitch == 0 && reset == 0 && jump == 0 && pending == 0;
        }
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
        Set<String> masters = masterAreas(changes);
        Map<ConsumptionKey, Sum> rows = new LinkedHashMap<>();
        Map<CommunityConsumptionKey, Sum> communityRows = new LinkedHashMap<>();
        Map<HourKey, Sum> hours = new LinkedHashMap<>();
        Map<CommunityHourKey, Sum> communityHours = new LinkedHashMap<>();
        Map<DeviceDayKey, DeviceDay> devices = new LinkedHashMap<>();
        for (ConsumptionChange c : changes) {
            ZoneId zone = zones.computeIfAbsent(c.communityId(), catalog::zoneOf);
            LocalDate day = LocalCalendar.dayOf(c.observedAt(), zone);
            Instant hour = LocalCalendar.hourOf(c.observedAt(), zone);
            long factor = c.factorId() == null ? 0L : c.factorId();
            String household = c.householdId() == null ? "" : c.householdId();
            String area = c.areaId() == null ? "" : c.areaId();
            String scope = !household.isEmpty() ? "HOUSEHOLD" : masters.contains(c.communityId() + '/' + area) ? "MASTER" : "COMMON_AREA";
            add(rows.computeIfAbsent(new ConsumptionKey(c.communityId(), day, household, area, c.meterType(), factor), k -> new Sum()), c);
            add(communityRows.computeIfAbsent(new CommunityConsumptionKey(c.communityId(), day, scope, c.meterType(), factor),
                    k -> new Sum()), c);
            add(hours.computeIfAbsent(new HourKey(c.communityId(), hour, household, area, c.meterType(), factor), k -> new Sum()), c);
            add(communityHours.computeIfAbsent(new CommunityHourKey(c.communityId(), hour, scope, c.meterType(), factor),
                    k -> new Sum()), c);
            DeviceDay device = devices.computeIfAbsent(new DeviceDayKey(c.communityId(), day, c.deviceId()), k -> new DeviceDay());
            device.meterType = c.meterType();
            device.householdId = household;
            device.areaId = area;
            device.readings += c.readings();
            switch (c.quality()) {
                case "FIRST" -> device.first += c.sign();
                case "GLITCH" -> device.glitch += c.sign();
                case "RESET" -> device.reset += c.sign();
                case "JUMP" -> device.jump += c.sign();
                case "PENDING" -> device.pending += c.sign();
                default -> {
                }
            }
        }
        List<Map.Entry<ConsumptionKey, Sum>> household = nonZero(rows);
        upsertConsumption("consumption_day", "day", household);
        // the same increments added to their local month: a month row is the sum of its day rows, and exists when one does
        Map<ConsumptionKey, Sum> months = new LinkedHashMap<>();
        for (Map.Entry<ConsumptionKey, Sum> e : household) {
            ConsumptionKey k = e.getKey();
            plus(months.computeIfAbsent(new ConsumptionKey(k.communityId(), k.day().withDayOfMonth(1), k.householdId(), k.areaId(),
                    k.meterType(), k.factorId()), x -> new Sum()), e.getValue());
        }
        upsertConsumptionMonths(new ArrayList<>(months.entrySet()));
        List<Map.Entry<HourKey, Sum>> hourRows = nonZero(hours);
        if (!hourRows.isEmpty()) {
            jdbc.update(connection -> SqlArrays.statement(connection, """
                    INSERT INTO consumption_hour AS t (community_id, hour, household_id, area_id, meter_type, factor_id, consumption,
                                                       readings, flagged)
                    SELECT * FROM unnest(?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::numeric[],
                                         ?::integer[], ?::integer[]) AS c
                    ORDER BY 1, 2, 3, 4, 5, 6
                    ON CONFLICT (community_id, hour, household_id, area_id, meter_type, factor_id) DO UPDATE
                    SET consumption = t.consumption + EXCLUDED.consumption, readings = t.readings + EXCLUDED.readings,
                        flagged = t.flagged + EXCLUDED.flagged""",
                    column("text", hourRows, e -> e.getKey().communityId()),
                    column("timestamptz", hourRows, e -> Timestamp.from(e.getKey().hour())),
                    column("text", hourRows, e -> e.getKey().householdId()),
                    column("text", hourRows, e -> e.getKey().areaId()),
                    column("text", hourRows, e -> e.getKey().meterType()),
                    column("bigint", hourRows, e -> e.getKey().factorId()),
                    column("numeric", hourRows, e -> e.getValue().a),
                    column("integer", hourRows, e -> e.getValue().n),
                    column("integer", hourRows, e -> e.getValue().m)));
        }
        List<Map.Entry<DeviceDayKey, DeviceDay>> deviceRows = devices.entrySet().stream().filter(e -> !e.getValue().isZero()).toList();
        upsertDeviceQuality("device_quality_day", "day", deviceRows);
        Map<DeviceDayKey, DeviceDay> deviceMonths = new LinkedHashMap<>();
        for (Map.Entry<DeviceDayKey, DeviceDay> e : deviceRows) {
            DeviceDayKey k = e.getKey();
            DeviceDay month = deviceMonths.computeIfAbsent(new DeviceDayKey(k.communityId(), k.day().withDayOfMonth(1), k.deviceId()),
                    x -> new DeviceDay());
            DeviceDay day = e.getValue();
            month.meterType = day.meterType;
            month.householdId = day.householdId;
            month.areaId = day.areaId;
            month.readings += day.readings;
            month.first += day.first;
            month.glitch += day.glitch;
            month.reset += day.reset;
            month.jump += day.jump;
            month.pending += day.pending;
        }
        upsertDeviceQuality("device_quality_month", "month", new ArrayList<>(deviceMonths.entrySet()));
        // the community's rows last: every transaction of the community's readings updates them, so each holds their
        // locks only from here to its commit, not while it upserts its households' and devices' rows
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
        List<Map.Entry<CommunityHourKey, Sum>> communityHourRows = nonZero(communityHours);
        if (!communityHourRows.isEmpty()) {
            jdbc.update(connection -> SqlArrays.statement(connection, """
                    INSERT INTO community_consumption_hour AS t (community_id, hour, scope, meter_type, factor_id, consumption, readings,
                                                                 flagged)
                    SELECT * FROM unnest(?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::bigint[], ?::numeric[], ?::integer[],
                                         ?::integer[]) AS c
                    ORDER BY 1, 2, 3, 4, 5
                    ON CONFLICT (community_id, hour, scope, meter_type, factor_id) DO UPDATE
                    SET consumption = t.consumption + EXCLUDED.consumption, readings = t.readings + EXCLUDED.readings,
                        flagged = t.flagged + EXCLUDED.flagged""",
                    column("text", communityHourRows, e -> e.getKey().communityId()),
                    column("timestamptz", communityHourRows, e -> Timestamp.from(e.getKey().hour())),
                    column("text", communityHourRows, e -> e.getKey().scope()),
                    column("text", communityHourRows, e -> e.getKey().meterType()),
                    column("bigint", communityHourRows, e -> e.getKey().factorId()),
                    column("numeric", communityHourRows, e -> e.getValue().a),
                    column("integer", communityHourRows, e -> e.getValue().n),
                    column("integer", communityHourRows, e -> e.getValue().m)));
        }
    }

    private void upsertConsumption(String table, String at, List<Map.Entry<ConsumptionKey, Sum>> household) {
        if (!household.isEmpty()) {
            jdbc.update(connection -> SqlArrays.statement(connection, """
                    INSERT INTO %1$s AS t (community_id, %2$s, household_id, area_id, meter_type, factor_id, consumption,
                                           readings, flagged)
                    SELECT * FROM unnest(?::text[], ?::date[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::numeric[],
                                         ?::integer[], ?::integer[]) AS c
                    ORDER BY 1, 2, 3, 4, 5, 6
                    ON CONFLICT (community_id, %2$s, household_id, area_id, meter_type, factor_id) DO UPDATE
                    SET consumption = t.consumption + EXCLUDED.consumption, readings = t.readings + EXCLUDED.readings,
                        flagged = t.flagged + EXCLUDED.flagged""".formatted(table, at),
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
    }

    /**
     * Adds increments to {@code consumption_month} and, in the same statement, what they change of each household's
     * {@code household_month}: a household row (PV left out) going from c to c' adds c' × value ÷ per quantity − c × value ÷
     * per quantity of its factor, each term computed as a query pricing the rows computes it, so the household's emissions
     * stay exactly the sum of its monthly rows priced one by one. Both in key order.
     */
    private void upsertConsumptionMonths(List<Map.Entry<ConsumptionKey, Sum>> months) {
        if (months.isEmpty()) {
            return;
        }
        jdbc.update(connection -> SqlArrays.statement(connection, """
                WITH c AS (
                    SELECT community_id, month, household_id, area_id, meter_type, factor_id, consumption::numeric(20,6) AS consumption,
                           readings, flagged
                    FROM unnest(?::text[], ?::date[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::numeric[], ?::integer[],
                                ?::integer[]) AS c (community_id, month, household_id, area_id, meter_type, factor_id, consumption,
                                                    readings, flagged)),
                changed AS (
                    INSERT INTO consumption_month AS t (community_id, month, household_id, area_id, meter_type, factor_id, consumption,
                                                        readings, flagged)
                    SELECT * FROM c ORDER BY 1, 2, 3, 4, 5, 6
                    ON CONFLICT (community_id, month, household_id, area_id, meter_type, factor_id) DO UPDATE
                    SET consumption = t.consumption + EXCLUDED.consumption, readings = t.readings + EXCLUDED.readings,
                        flagged = t.flagged + EXCLUDED.flagged
                    RETURNING t.community_id, t.month, t.household_id, t.area_id, t.meter_type, t.factor_id, t.consumption)
                INSERT INTO household_month AS h (community_id, month, household_id, emissions, readings, flagged, reductions)
                SELECT n.community_id, n.month, n.household_id,
                       coalesce(sum(n.consumption * f.value / f.per_quantity - (n.consumption - c.consumption) * f.value / f.per_quantity), 0),
                       sum(c.readings), sum(c.flagged), 0
                FROM changed n JOIN c USING (community_id, month, household_id, area_id, meter_type, factor_id)
                LEFT JOIN methodology_factor f ON f.id = n.factor_id
                WHERE n.household_id <> '' AND n.meter_type <> 'PV_GENERATION'
                GROUP BY 1, 2, 3
                ORDER BY 1, 2, 3
                ON CONFLICT (community_id, month, household_id) DO UPDATE
                SET emissions = h.emissions + EXCLUDED.emissions, readings = h.readings + EXCLUDED.readings,
                    flagged = h.flagged + EXCLUDED.flagged""",
                column("text", months, e -> e.getKey().communityId()),
                column("date", months, e -> java.sql.Date.valueOf(e.getKey().day())),
                column("text", months, e -> e.getKey().householdId()),
                column("text", months, e -> e.getKey().areaId()),
                column("text", months, e -> e.getKey().meterType()),
                column("bigint", months, e -> e.getKey().factorId()),
                column("numeric", months, e -> e.getValue().a),
                column("integer", months, e -> e.getValue().n),
                column("integer", months, e -> e.getValue().m)));
    }

    /** Adds the households' monthly reduction increments to {@code household_month}, as {@code reduction_month} stores them. */
    private void addHouseholdMonthReductions(List<Map.Entry<ReductionKey, Sum>> months) {
        if (months.isEmpty()) {
            return;
        }
        jdbc.update(connection -> SqlArrays.statement(connection, """
                INSERT INTO household_month AS h (community_id, month, household_id, emissions, readings, flagged, reductions)
                SELECT community_id, month, household_id, 0, 0, 0, sum(reduction::numeric(20,6))
                FROM unnest(?::text[], ?::date[], ?::text[], ?::numeric[]) AS c (community_id, month, household_id, reduction)
                GROUP BY 1, 2, 3
                ORDER BY 1, 2, 3
                ON CONFLICT (community_id, month, household_id) DO UPDATE SET reductions = h.reductions + EXCLUDED.reductions""",
                column("text", months, e -> e.getKey().communityId()),
                column("date", months, e -> java.sql.Date.valueOf(e.getKey().day())),
                column("text", months, e -> e.getKey().householdId()),
                column("numeric", months, e -> e.getValue().b)));
    }

    private void upsertDeviceQuality(String table, String at, List<Map.Entry<DeviceDayKey, DeviceDay>> deviceRows) {
        if (!deviceRows.isEmpty()) {
            jdbc.update(connection -> SqlArrays.statement(connection, """
                    INSERT INTO %1$s AS t (community_id, %2$s, device_id, meter_type, household_id, area_id, readings, first,
                                           glitch, reset, jump, pending)
                    SELECT * FROM unnest(?::text[], ?::date[], ?::text[], ?::text[], ?::text[], ?::text[], ?::integer[], ?::integer[],
                                         ?::integer[], ?::integer[], ?::integer[], ?::integer[]) AS c
                    ORDER BY 1, 2, 3
                    ON CONFLICT (community_id, %2$s, device_id) DO UPDATE
                    SET readings = t.readings + EXCLUDED.readings, first = t.first + EXCLUDED.first, glitch = t.glitch + EXCLUDED.glitch,
                        reset = t.reset + EXCLUDED.reset, jump = t.jump + EXCLUDED.jump, pending = t.pending + EXCLUDED.pending"""
                    .formatted(table, at),
                    SqlArrays.of("text", deviceRows, e -> e.getKey().communityId()),
                    SqlArrays.of("date", deviceRows, e -> java.sql.Date.valueOf(e.getKey().day())),
                    SqlArrays.of("text", deviceRows, e -> e.getKey().deviceId()),
                    SqlArrays.of("text", deviceRows, e -> e.getValue().meterType),
                    SqlArrays.of("text", deviceRows, e -> e.getValue().householdId),
                    SqlArrays.of("text", deviceRows, e -> e.getValue().areaId),
                    SqlArrays.of("integer", deviceRows, e -> e.getValue().readings),
                    SqlArrays.of("integer", deviceRows, e -> e.getValue().first),
                    SqlArrays.of("integer", deviceRows, e -> e.getValue().glitch),
                    SqlArrays.of("integer", deviceRows, e -> e.getValue().reset),
                    SqlArrays.of("integer", deviceRows, e -> e.getValue().jump),
                    SqlArrays.of("integer", deviceRows, e -> e.getValue().pending)));
        }
    }

    /** The batch's common areas that are a building's master meter, as {@code community/area}; no query without areas. */
    private Set<String> masterAreas(List<ConsumptionChange> changes) {
        List<ConsumptionChange> areas = changes.stream().filter(c -> c.areaId() != null).toList();
        Set<String> masters = new HashSet<>();
        if (areas.isEmpty()) {
            return masters;
        }
        String[] communities = areas.stream().map(ConsumptionChange::communityId).distinct().toArray(String[]::new);
        jdbc.query("SELECT pg_advisory_xact_lock_shared(?)", rs -> {
        }, MASTER_METERS_LOCK);
        jdbc.query(connection -> SqlArrays.statement(connection,
                "SELECT community_id, area_id FROM master_meter WHERE community_id = ANY (?::text[])",
                SqlArrays.of("text", communities)),
                rs -> {
                    masters.add(rs.getString(1) + '/' + rs.getString(2));
                });
        return masters;
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
            if (!COMMUNITY_ACCOUNT.equals(c.householdId())) {
                add(rows.computeIfAbsent(new ReductionKey(c.communityId(), day, c.householdId(), c.behaviour(), c.factorId()),
                        k -> new Sum()), c);
            }
            add(communityRows.computeIfAbsent(new CommunityReductionKey(c.communityId(), day, c.behaviour(), c.factorId()),
                    k -> new Sum()), c);
        }
        List<Map.Entry<ReductionKey, Sum>> household = new ArrayList<>(rows.entrySet());
        upsertReductions("reduction_day", "day", household);
        Map<ReductionKey, Sum> months = new LinkedHashMap<>();
        for (Map.Entry<ReductionKey, Sum> e : household) {
            ReductionKey k = e.getKey();
            plus(months.computeIfAbsent(new ReductionKey(k.communityId(), k.day().withDayOfMonth(1), k.householdId(), k.behaviour(),
                    k.factorId()), x -> new Sum()), e.getValue());
        }
        upsertReductions("reduction_month", "month", new ArrayList<>(months.entrySet()));
        addHouseholdMonthReductions(new ArrayList<>(months.entrySet()));
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

    private void upsertReductions(String table, String at, List<Map.Entry<ReductionKey, Sum>> household) {
        if (household.isEmpty()) {
            return;
        }
        jdbc.update(connection -> SqlArrays.statement(connection, """
                INSERT INTO %1$s AS t (community_id, %2$s, household_id, behaviour, factor_id, activity, reduction, reductions)
                SELECT * FROM unnest(?::text[], ?::date[], ?::text[], ?::text[], ?::bigint[], ?::numeric[], ?::numeric[], ?::integer[]) AS c
                ORDER BY 1, 2, 3, 4, 5
                ON CONFLICT (community_id, %2$s, household_id, behaviour, factor_id) DO UPDATE
                SET activity = t.activity + EXCLUDED.activity, reduction = t.reduction + EXCLUDED.reduction,
                    reductions = t.reductions + EXCLUDED.reductions""".formatted(table, at),
                column("text", household, e -> e.getKey().communityId()),
                column("date", household, e -> java.sql.Date.valueOf(e.getKey().day())),
                column("text", household, e -> e.getKey().householdId()),
                column("text", household, e -> e.getKey().behaviour()),
                column("bigint", household, e -> e.getKey().factorId()),
                column("numeric", household, e -> e.getValue().a),
                column("numeric", household, e -> e.getValue().b),
                column("integer", household, e -> e.getValue().n)));
    }

    private static void plus(Sum sum, Sum day) {
        sum.a = sum.a.add(day.a);
        sum.b = sum.b.add(day.b);
        sum.n += day.n;
        sum.m += day.m;
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
