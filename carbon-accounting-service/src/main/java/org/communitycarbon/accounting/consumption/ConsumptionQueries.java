package org.communitycarbon.accounting.consumption;

import java.math.BigDecimal;
import java.math.RoundingMode;
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

import org.communitycarbon.accounting.consumption.ConsumptionViews.CommunityConsumption;
import org.communitycarbon.accounting.consumption.ConsumptionViews.CommunityHours;
import org.communitycarbon.accounting.consumption.ConsumptionViews.HourFigures;
import org.communitycarbon.accounting.consumption.ConsumptionViews.HourTotal;
import org.communitycarbon.accounting.consumption.ConsumptionViews.DayTotal;
import org.communitycarbon.accounting.consumption.ConsumptionViews.HouseholdConsumption;
import org.communitycarbon.accounting.consumption.ConsumptionViews.LatestReading;
import org.communitycarbon.accounting.consumption.ConsumptionViews.TypeTotal;
import org.communitycarbon.accounting.consumption.ConsumptionViews.PricedBy;
import org.communitycarbon.accounting.methodology.Factor;
import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.accounting.rollup.LocalCalendar;
import org.communitycarbon.accounting.rollup.Months;
import org.communitycarbon.accounting.rollup.PricedSum;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.sensing.MeterType;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Aggregates consumption in SQL and prices each part with the factor recorded with its readings (the factor in
 * force when they were stored): a factor published later never reprices them.
 */
@Component
@Transactional(readOnly = true)
class ConsumptionQueries {

    private final JdbcTemplate jdbc;
    private final FactorCatalog factors;

    ConsumptionQueries(JdbcTemplate jdbc, FactorCatalog factors) {
        this.jdbc = jdbc;
        this.factors = factors;
    }

    HouseholdConsumption household(String communityId, String householdId, Period period) {
        ZoneId zone = factors.zoneOf(communityId);
        Hours hours = Hours.within(period.from(), period.to(), zone);
        Map<PartKey, Part> parts = new LinkedHashMap<>();
        Map<DayKey, BigDecimal> byDay = new java.util.TreeMap<>();
        if (hours.any()) {
            // whole local hours from the hourly rollups: a few rows an hour, however many readings
            jdbc.query("""
                    SELECT meter_type, nullif(factor_id, 0), (hour AT TIME ZONE ?)::date, sum(consumption), sum(readings)
                    FROM consumption_hour
                    WHERE community_id = ? AND household_id = ? AND hour >= ? AND hour < ?
                    GROUP BY 1, 2, 3""",
                    rs -> {
                        Part part = new Part(MeterType.valueOf(rs.getString(1)), (Long) rs.getObject(2), rs.getBigDecimal(4), rs.getLong(5));
                        merge(parts, part);
                        byDay.merge(new DayKey(rs.getDate(3).toLocalDate(), part.type()), part.consumption(), BigDecimal::add);
                    },
                    zone.getId(), communityId, householdId, Timestamp.from(hours.first()), Timestamp.from(hours.end()));
        }
        for (Instant[] edge : hours.edges()) {
            // the parts of hours at the period's edges from the readings (at most two hours' worth)
            jdbc.query("""
                    SELECT meter_type, emission_factor_id, ((observed_at - interval '1 microsecond') AT TIME ZONE ?)::date AS day,
                           coalesce(sum(delta), 0), count(*)
                    FROM meter_reading
                    WHERE community_id = ? AND household_id = ? AND observed_at > ? AND observed_at <= ?
                    GROUP BY 1, 2, 3""",
                    rs -> {
                        Part part = new Part(MeterType.valueOf(rs.getString(1)), (Long) rs.getObject(2), rs.getBigDecimal(4), rs.getLong(5));
                        merge(parts, part);
                        byDay.merge(new DayKey(rs.getDate(3).toLocalDate(), part.type()), part.consumption(), BigDecimal::add);
                    },
                    zone.getId(), communityId, householdId, Timestamp.from(edge[0]), Timestamp.from(edge[1]));
        }
        List<TypeTotal> totals = totals(sorted(parts));
        List<DayTotal> days = byDay.entrySet().stream()
                .map(e -> new DayTotal(e.getKey().day(), e.getKey().type(), Quantity.of(e.getValue(), e.getKey().type().registerUnit())))
                .toList();
        List<LatestReading> meters = jdbc.query("""
                SELECT d.device_id, r.meter_type, r.register, r.observed_at, r.quality
                FROM (SELECT DISTINCT community_id, device_id FROM meter_reading WHERE community_id = ? AND household_id = ?) d
                CROSS JOIN LATERAL (
                    SELECT meter_type, register, observed_at, quality FROM meter_reading
                    WHERE community_id = d.community_id AND device_id = d.device_id ORDER BY observed_at DESC LIMIT 1) r
                ORDER BY r.meter_type, d.device_id""",
                (rs, n) -> {
                    MeterType type = MeterType.valueOf(rs.getString(2));
                    return new LatestReading(rs.getString(1), type, Quantity.of(rs.getBigDecimal(3), type.registerUnit()),
                            rs.getTimestamp(4).toInstant(), RegisterQuality.valueOf(rs.getString(5)));
                },
                communityId, householdId);
        return new HouseholdConsumption(communityId, householdId, period.from(), period.to(),
                factors.methodologyOf(communityId, period.to()), versions(totals), totals, emissions(totals), days, meters);
    }

    /**
     * The community's consumption: the whole local days inside the period from the daily rollups (a few rows a day),
     * the partial days at its edges from the readings. A period from one local midnight to another reads no reading.
     */
    CommunityConsumption community(String communityId, Period period) {
        ZoneId zone = factors.zoneOf(communityId);
        LocalDate first = LocalDate.ofInstant(period.from(), zone);
        if (!LocalCalendar.startOf(first, zone).equals(period.from())) {
            first = first.plusDays(1);
        }
        LocalDate last = LocalDate.ofInstant(period.to(), zone).minusDays(1);
        List<Instant[]> raw = new ArrayList<>();
        if (first.isAfter(last)) {
            raw.add(new Instant[] {period.from(), period.to()});
        }
        else {
            raw.add(new Instant[] {period.from(), LocalCalendar.startOf(first, zone)});
            raw.add(new Instant[] {LocalCalendar.endOf(last, zone), period.to()});
        }
        Map<PartKey, Part> householdParts = new LinkedHashMap<>();
        Map<PartKey, Part> commonAreaParts = new LinkedHashMap<>();
        if (!first.isAfter(last)) {
            jdbc.query("""
                    SELECT meter_type, scope = 'HOUSEHOLD', nullif(factor_id, 0), sum(consumption), sum(readings)
                    FROM community_consumption_day WHERE community_id = ? AND day BETWEEN ? AND ? AND scope <> 'MASTER'
                    GROUP BY 1, 2, 3""",
                    rs -> {
                        merge(rs.getBoolean(2) ? householdParts : commonAreaParts, new Part(MeterType.valueOf(rs.getString(1)),
                                (Long) rs.getObject(3), rs.getBigDecimal(4), rs.getLong(5)));
                    },
                    communityId, java.sql.Date.valueOf(first), java.sql.Date.valueOf(last));
        }
        List<Instant[]> rawEdges = new ArrayList<>();
        List<Hours> edgeHours = new ArrayList<>();
        for (Instant[] edge : raw) {
            if (!edge[0].isBefore(edge[1])) {
                continue;
            }
            // the partial days at the edges: their whole local hours from the hourly rollups, the rest from the readings
            Hours hours = Hours.within(edge[0], edge[1], zone);
            edgeHours.add(hours);
            rawEdges.addAll(hours.edges());
            if (hours.any()) {
                jdbc.query("""
                        SELECT meter_type, scope = 'HOUSEHOLD', nullif(factor_id, 0), sum(consumption), sum(readings)
                        FROM community_consumption_hour WHERE community_id = ? AND hour >= ? AND hour < ? AND scope <> 'MASTER'
                        GROUP BY 1, 2, 3""",
                        rs -> {
                            merge(rs.getBoolean(2) ? householdParts : commonAreaParts, new Part(MeterType.valueOf(rs.getString(1)),
                                    (Long) rs.getObject(3), rs.getBigDecimal(4), rs.getLong(5)));
                        },
                        communityId, Timestamp.from(hours.first()), Timestamp.from(hours.end()));
            }
        }
        for (Instant[] edge : rawEdges) {
            jdbc.query("""
                    SELECT meter_type, household_id IS NOT NULL AS household, emission_factor_id, coalesce(sum(delta), 0), count(*)
                    FROM meter_reading m
                    WHERE community_id = ? AND observed_at > ? AND observed_at <= ?
                      AND NOT EXISTS (SELECT 1 FROM master_meter x WHERE x.community_id = m.community_id AND x.area_id = m.area_id)
                    GROUP BY meter_type, household, emission_factor_id""",
                    rs -> {
                        merge(rs.getBoolean(2) ? householdParts : commonAreaParts, new Part(MeterType.valueOf(rs.getString(1)),
                                (Long) rs.getObject(3), rs.getBigDecimal(4), rs.getLong(5)));
                    },
                    communityId, Timestamp.from(edge[0]), Timestamp.from(edge[1]));
        }
        List<TypeTotal> households = totals(sorted(householdParts));
        List<TypeTotal> commonAreas = totals(sorted(commonAreaParts));
        Set<String> reporting = new HashSet<>();
        if (!first.isAfter(last)) {
            // whole local months from the monthly rollup, the days at their edges from the daily one
            Months months = Months.within(first, last);
            reporting.addAll(jdbc.queryForList("""
                    SELECT household_id FROM consumption_month
                    WHERE community_id = ? AND household_id <> '' AND month BETWEEN ? AND ?
                    UNION
                    SELECT household_id FROM consumption_day
                    WHERE community_id = ? AND household_id <> '' AND (day BETWEEN ? AND ? OR day BETWEEN ? AND ?)""",
                    String.class, communityId, months.monthArgs()[0], months.monthArgs()[1], communityId, months.dayArgs()[0],
                    months.dayArgs()[1], months.dayArgs()[2], months.dayArgs()[3]));
        }
        for (Hours hours : edgeHours) {
            if (hours.any()) {
                reporting.addAll(jdbc.queryForList("""
                        SELECT DISTINCT household_id FROM consumption_hour
                        WHERE community_id = ? AND household_id <> '' AND hour >= ? AND hour < ?""",
                        String.class, communityId, Timestamp.from(hours.first()), Timestamp.from(hours.end())));
            }
        }
        for (Instant[] edge : rawEdges) {
            reporting.addAll(jdbc.queryForList("""
                    SELECT DISTINCT household_id FROM meter_reading
                    WHERE community_id = ? AND household_id IS NOT NULL AND observed_at > ? AND observed_at <= ?""",
                    String.class, communityId, Timestamp.from(edge[0]), Timestamp.from(edge[1])));
        }
        List<TypeTotal> all = new ArrayList<>(households);
        all.addAll(commonAreas);
        return new CommunityConsumption(communityId, period.from(), period.to(), factors.methodologyOf(communityId, period.to()),
                versions(all), reporting.size(), households, commonAreas, emissions(all));
    }

    /** A community's local day, hour by hour, from {@code community_consumption_hour}: one query. */
    CommunityHours hours(String communityId, LocalDate day) {
        ZoneId zone = factors.zoneOf(communityId);
        Instant start = LocalCalendar.startOf(day, zone);
        Instant end = LocalCalendar.endOf(day, zone);
        Map<Instant, Map<String, Map<MeterType, PricedSum>>> sums = new java.util.TreeMap<>();
        jdbc.query("""
                SELECT hour, scope, meter_type, nullif(factor_id, 0), consumption, readings, flagged FROM community_consumption_hour
                WHERE community_id = ? AND hour >= ? AND hour < ? AND scope <> 'MASTER'""",
                rs -> {
                    sums.computeIfAbsent(rs.getTimestamp(1).toInstant(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getString(2), k -> new java.util.EnumMap<>(MeterType.class))
                            .computeIfAbsent(MeterType.valueOf(rs.getString(3)), k -> new PricedSum())
                            .add((Long) rs.getObject(4), rs.getBigDecimal(5), rs.getLong(6), rs.getLong(7));
                },
                communityId, Timestamp.from(start), Timestamp.from(end));
        Set<String> versions = new java.util.TreeSet<>();
        List<HourFigures> hours = new ArrayList<>();
        for (java.time.ZonedDateTime hour = start.atZone(zone); hour.toInstant().isBefore(end); hour = hour.plusHours(1)) {
            Map<String, Map<MeterType, PricedSum>> scopes = sums.getOrDefault(hour.toInstant(), Map.of());
            hours.add(new HourFigures(hour.toInstant(), hour.plusHours(1).toInstant(),
                    hour.toLocalTime().toString(), hourTotals(scopes.get("HOUSEHOLD"), versions),
                    hourTotals(scopes.get("COMMON_AREA"), versions)));
        }
        return new CommunityHours(communityId, zone.getId(), day, List.copyOf(versions), hours);
    }

    private List<HourTotal> hourTotals(@Nullable Map<MeterType, PricedSum> byType, Set<String> versions) {
        if (byType == null) {
            return List.of();
        }
        List<HourTotal> totals = new ArrayList<>();
        for (Map.Entry<MeterType, PricedSum> e : byType.entrySet()) {
            PricedSum sum = e.getValue();
            versions.addAll(sum.versions(factors));
            totals.add(new HourTotal(e.getKey(), Quantity.of(sum.consumption().setScale(3, RoundingMode.HALF_UP), e.getKey().registerUnit()),
                    sum.emissionsQuantity(factors), sum.readings(), sum.flagged()));
        }
        return totals;
    }

    private record PartKey(MeterType type, @Nullable Long factorId) {
    }

    private record DayKey(LocalDate day, MeterType type) implements Comparable<DayKey> {

        @Override
        public int compareTo(DayKey other) {
            int byDay = day.compareTo(other.day);
            return byDay != 0 ? byDay : type.name().compareTo(other.type.name());
        }
    }

    private static void merge(Map<PartKey, Part> parts, Part part) {
        parts.merge(new PartKey(part.type(), part.factorId()), part, (a, b) -> new Part(a.type(), a.factorId(),
                a.consumption().add(b.consumption()), a.readings() + b.readings()));
    }

    private static List<Part> sorted(Map<PartKey, Part> parts) {
        return parts.values().stream().sorted(java.util.Comparator.comparing((Part p) -> p.type().name())
                .thenComparing(p -> p.factorId() == null ? -1L : p.factorId())).toList();
    }

    /** The consumption of one meter type priced by one factor (none: readings stored without one). */
    private record Part(MeterType type, @Nullable Long factorId, BigDecimal consumption, long readings) {
    }

    /** Per meter type, the sum of its parts, each priced by its own factor. */
    private List<TypeTotal> totals(List<Part> parts) {
        Map<MeterType, List<Part>> byType = new LinkedHashMap<>();
        for (Part part : parts) {
            byType.computeIfAbsent(part.type(), k -> new ArrayList<>()).add(part);
        }
        List<TypeTotal> totals = new ArrayList<>();
        for (Map.Entry<MeterType, List<Part>> entry : byType.entrySet()) {
            BigDecimal consumption = BigDecimal.ZERO;
            BigDecimal emissions = BigDecimal.ZERO;
            BigDecimal unpriced = BigDecimal.ZERO;
            long readings = 0;
            Set<Unit> gases = new HashSet<>();
            List<PricedBy> pricedBy = new ArrayList<>();
            for (Part part : entry.getValue()) {
                consumption = consumption.add(part.consumption());
                readings += part.readings();
                Factor factor = part.factorId() == null ? null : factors.byId(part.factorId()).orElse(null);
                if (factor == null) {
                    unpriced = unpriced.add(part.consumption());
                    continue;
                }
                BigDecimal priced = part.consumption().multiply(factor.value()).divide(factor.perQuantity(), 6, RoundingMode.HALF_UP);
                emissions = emissions.add(priced);
                gases.add(factor.gas().unit());
                pricedBy.add(new PricedBy(factor.id(), factor.methodologyId(), factor.version(), factor.appliesTo(),
                        factor.perOneUnit(), factor.gas().unit(), Quantity.of(part.consumption().setScale(3, RoundingMode.HALF_UP),
                                entry.getKey().registerUnit())));
            }
            Unit unit = gases.size() == 1 ? gases.iterator().next() : Unit.KG_CO2E;
            BigDecimal factor = pricedBy.size() == 1 ? pricedBy.get(0).factor() : null;
            totals.add(new TypeTotal(entry.getKey(), Quantity.of(consumption.setScale(3, RoundingMode.HALF_UP), entry.getKey().registerUnit()),
                    Quantity.of(emissions.setScale(3, RoundingMode.HALF_UP), unit), factor, readings, pricedBy,
                    Quantity.of(unpriced.setScale(3, RoundingMode.HALF_UP), entry.getKey().registerUnit())));
        }
        return totals;
    }

    /** The methodology versions behind the figures, e.g. {@code wuhan-pilot v1}. */
    private static List<String> versions(List<TypeTotal> totals) {
        return totals.stream().flatMap(t -> t.pricedBy().stream()).map(p -> p.methodology() + " v" + p.version())
                .distinct().sorted().toList();
    }

    /**
     * Emissions of consumption; PV generation avoids emissions rather than causing them, so it is left out. Kg CO2
     * of electricity and gas count as kg CO2e (CO2's global-warming potential is 1; the total then leaves out
     * their other gases, which their official factors do not count): in kg CO2 when every part is CO2.
     */
    private static Quantity emissions(List<TypeTotal> totals) {
        List<TypeTotal> emitting = totals.stream().filter(t -> t.meterType() != MeterType.PV_GENERATION).toList();
        BigDecimal sum = emitting.stream().map(t -> t.emissions().value()).reduce(BigDecimal.ZERO, BigDecimal::add);
        boolean co2Only = !emitting.isEmpty() && emitting.stream().allMatch(t -> t.emissions().unit() == Unit.KG_CO2);
        return Quantity.of(sum, co2Only ? Unit.KG_CO2 : Unit.KG_CO2E);
    }
}
