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
import org.communitycarbon.accounting.consumption.ConsumptionViews.DayTotal;
import org.communitycarbon.accounting.consumption.ConsumptionViews.HouseholdConsumption;
import org.communitycarbon.accounting.consumption.ConsumptionViews.LatestReading;
import org.communitycarbon.accounting.consumption.ConsumptionViews.TypeTotal;
import org.communitycarbon.accounting.consumption.ConsumptionViews.PricedBy;
import org.communitycarbon.accounting.methodology.Factor;
import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.accounting.rollup.LocalCalendar;
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
        List<Part> parts = jdbc.query("""
                SELECT meter_type, emission_factor_id, coalesce(sum(delta), 0), count(*) FROM meter_reading
                WHERE community_id = ? AND household_id = ? AND observed_at > ? AND observed_at <= ?
                GROUP BY meter_type, emission_factor_id ORDER BY meter_type""",
                (rs, n) -> new Part(MeterType.valueOf(rs.getString(1)), (Long) rs.getObject(2), rs.getBigDecimal(3), rs.getLong(4)),
                communityId, householdId, Timestamp.from(period.from()), Timestamp.from(period.to()));
        List<TypeTotal> totals = totals(parts);
        List<DayTotal> days = jdbc.query("""
                SELECT ((observed_at - interval '1 microsecond') AT TIME ZONE ?)::date AS day, meter_type, coalesce(sum(delta), 0)
                FROM meter_reading
                WHERE community_id = ? AND household_id = ? AND observed_at > ? AND observed_at <= ?
                GROUP BY day, meter_type ORDER BY day, meter_type""",
                (rs, n) -> {
                    MeterType type = MeterType.valueOf(rs.getString(2));
                    return new DayTotal(rs.getDate(1).toLocalDate(), type, Quantity.of(rs.getBigDecimal(3), type.registerUnit()));
                },
                factors.zoneOf(communityId).getId(), communityId, householdId, Timestamp.from(period.from()), Timestamp.from(period.to()));
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
                    FROM community_consumption_day WHERE community_id = ? AND day BETWEEN ? AND ?
                    GROUP BY 1, 2, 3""",
                    rs -> {
                        merge(rs.getBoolean(2) ? householdParts : commonAreaParts, new Part(MeterType.valueOf(rs.getString(1)),
                                (Long) rs.getObject(3), rs.getBigDecimal(4), rs.getLong(5)));
                    },
                    communityId, java.sql.Date.valueOf(first), java.sql.Date.valueOf(last));
        }
        for (Instant[] edge : raw) {
            if (!edge[0].isBefore(edge[1])) {
                continue;
            }
            jdbc.query("""
                    SELECT meter_type, household_id IS NOT NULL AS household, emission_factor_id, coalesce(sum(delta), 0), count(*)
                    FROM meter_reading
                    WHERE community_id = ? AND observed_at > ? AND observed_at <= ?
                    GROUP BY meter_type, household, emission_factor_id""",
                    rs -> {
                        merge(rs.getBoolean(2) ? householdParts : commonAreaParts, new Part(MeterType.valueOf(rs.getString(1)),
                                (Long) rs.getObject(3), rs.getBigDecimal(4), rs.getLong(5)));
                    },
                    communityId, Timestamp.from(edge[0]), Timestamp.from(edge[1]));
        }
        List<TypeTotal> households = totals(sorted(householdParts));
        List<TypeTotal> commonAreas = totals(sorted(commonAreaParts));
        Instant[] head = raw.get(0);
        Instant[] tail = raw.get(raw.size() - 1);
        Long reporting = jdbc.queryForObject("""
                SELECT count(DISTINCT h) FROM (
                    SELECT household_id AS h FROM consumption_day
                    WHERE community_id = ? AND household_id <> '' AND day BETWEEN ? AND ?
                    UNION ALL
                    SELECT household_id FROM meter_reading
                    WHERE community_id = ? AND household_id IS NOT NULL
                      AND ((observed_at > ? AND observed_at <= ?) OR (observed_at > ? AND observed_at <= ?))) AS reporting""",
                Long.class, communityId, java.sql.Date.valueOf(first), java.sql.Date.valueOf(last), communityId,
                Timestamp.from(head[0]), Timestamp.from(head[1]), Timestamp.from(tail[0]), Timestamp.from(tail[1]));
        List<TypeTotal> all = new ArrayList<>(households);
        all.addAll(commonAreas);
        return new CommunityConsumption(communityId, period.from(), period.to(), factors.methodologyOf(communityId, period.to()),
                versions(all), reporting == null ? 0 : reporting, households, commonAreas, emissions(all));
    }

    private record PartKey(MeterType type, @Nullable Long factorId) {
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
