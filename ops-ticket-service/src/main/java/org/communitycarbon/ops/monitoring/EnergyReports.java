package org.communitycarbon.ops.monitoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A community's common-area energy over local days, from the hourly energy of its common-area and subsystem meters:
 * consumption by subsystem kind, building and subsystem; PV generation and self-consumption; and the cost of the energy
 * taken from the grid under its time-of-use tariffs.
 * <p>
 * PV self-consumption is derived hour by hour as the smaller of the hour's PV generation and its common-area
 * consumption: the platform has no export meter, so it takes the PV to feed the common areas first. The grid energy
 * of an hour is its consumption minus that self-consumption.
 * <p>
 * A building's master meter — the meter of the area or subsystem the registry marks as its building's supply — measures
 * the building's households and common areas together: it is not common-area electricity. Its energy is left out of
 * consumption, cost and self-consumption, and shown apart, per building, as {@code buildingSupplies}.
 */
@Service
class EnergyReports {

    private static final int ENERGY_SCALE = 3;
    private static final int SHARE_SCALE = 4;
    private static final int MONEY_SCALE = 2;

    private final JdbcClient jdbc;
    private final Registry registry;
    private final Tariffs tariffs;

    EnergyReports(JdbcClient jdbc, Registry registry, Tariffs tariffs) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.tariffs = tariffs;
    }

    private record Row(Instant hour, String areaId, boolean pv, BigDecimal energy) {
    }

    /** The common areas' and subsystems' hours from {@code from} to {@code to} (local days, inclusive): no building's supply. */
    private List<Row> rows(String communityId, ZoneId zone, LocalDate from, LocalDate to, Map<String, Registry.Place> places) {
        return allRows(communityId, zone, from, to).stream().filter(row -> !isSupply(places.get(row.areaId()))).toList();
    }

    private static boolean isSupply(Registry.@Nullable Place place) {
        return place != null && place.buildingSupply();
    }

    /** The hours from {@code from} to {@code to} (local days, inclusive) and their energy per area. */
    private List<Row> allRows(String communityId, ZoneId zone, LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        return jdbc.sql("""
                SELECT hour, area_id, meter_type, sum(energy) FROM energy_hourly
                WHERE community_id = ? AND hour >= ? AND hour < ?
                GROUP BY hour, area_id, meter_type ORDER BY hour""")
                .params(communityId, Timestamp.from(start), Timestamp.from(end))
                .query((rs, row) -> new Row(rs.getTimestamp(1).toInstant(), rs.getString(2),
                        "PV_GENERATION".equals(rs.getString(3)), rs.getBigDecimal(4)))
                .list();
    }

    /** Each hour's consumption and PV generation. */
    private static TreeMap<Instant, BigDecimal[]> hourly(List<Row> rows) {
        TreeMap<Instant, BigDecimal[]> hours = new TreeMap<>();
        for (Row row : rows) {
            BigDecimal[] hour = hours.computeIfAbsent(row.hour(), h -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            hour[row.pv() ? 1 : 0] = hour[row.pv() ? 1 : 0].add(row.energy());
        }
        return hours;
    }

    @Transactional(readOnly = true)
    ConsumptionReport consumption(String communityId, LocalDate from, LocalDate to) {
        ZoneId zone = registry.zone(communityId);
        Map<String, Registry.Place> places = registry.places(communityId);
        List<Row> all = allRows(communityId, zone, from, to);
        List<Row> rows = all.stream().filter(row -> !isSupply(places.get(row.areaId()))).toList();
        Map<String, BigDecimal> bySupply = new TreeMap<>();
        all.stream().filter(row -> !row.pv() && isSupply(places.get(row.areaId())))
                .forEach(row -> bySupply.merge(row.areaId(), row.energy(), BigDecimal::add));
        Map<String, BigDecimal> byKind = new TreeMap<>();
        Map<String, BigDecimal> byBuilding = new TreeMap<>();
        BigDecimal communityWide = BigDecimal.ZERO;
        boolean anyCommunityWide = false;
        Map<String, BigDecimal> bySubsystem = new TreeMap<>();
        for (Row row : rows) {
            if (row.pv()) {
                continue;
            }
            Registry.Place place = places.get(row.areaId());
            byKind.merge(place == null ? "UNKNOWN" : place.group(), row.energy(), BigDecimal::add);
            if (place == null || place.buildingId() == null) {
                communityWide = communityWide.add(row.energy());
                anyCommunityWide = true;
            }
            else {
                byBuilding.merge(place.buildingId(), row.energy(), BigDecimal::add);
            }
            bySubsystem.merge(row.areaId(), row.energy(), BigDecimal::add);
        }
        BigDecimal consumption = BigDecimal.ZERO;
        BigDecimal generation = BigDecimal.ZERO;
        BigDecimal self = BigDecimal.ZERO;
        for (BigDecimal[] hour : hourly(rows).values()) {
            consumption = consumption.add(hour[0]);
            generation = generation.add(hour[1]);
            self = self.add(hour[0].min(hour[1]));
        }
        List<KindEnergy> kinds = byKind.entrySet().stream().map(e -> new KindEnergy(e.getKey(), kwh(e.getValue()))).toList();
        List<BuildingEnergy> buildings = new ArrayList<>(byBuilding.entrySet().stream()
                .map(e -> new BuildingEnergy(e.getKey(), kwh(e.getValue()))).toList());
        if (anyCommunityWide) {
            buildings.add(new BuildingEnergy(null, kwh(communityWide)));
        }
        List<SubsystemEnergy> subsystems = bySubsystem.entrySet().stream().map(e -> {
            Registry.Place place = places.get(e.getKey());
            return new SubsystemEnergy(e.getKey(), place == null ? null : place.name(), place == null ? "UNKNOWN" : place.group(),
                    place == null ? null : place.buildingId(), kwh(e.getValue()));
        }).sorted(Comparator.comparing(SubsystemEnergy::id)).toList();
        Pv pv = new Pv(kwh(generation), kwh(self), kwh(generation.subtract(self)), share(self, generation), share(self, consumption));
        List<SupplyEnergy> supplies = bySupply.entrySet().stream().map(e -> {
            Registry.Place place = places.get(e.getKey());
            return new SupplyEnergy(place.buildingId(), e.getKey(), place.name(), kwh(e.getValue()));
        }).sorted(Comparator.comparing(SupplyEnergy::areaId)).toList();
        return new ConsumptionReport(communityId, from, to, zone.getId(), kwh(consumption), kinds, buildings, subsystems, pv,
                supplies);
    }

    @Transactional(readOnly = true)
    CostReport cost(String communityId, LocalDate from, LocalDate to) {
        ZoneId zone = registry.zone(communityId);
        TariffSchedule schedule = tariffs.schedule(communityId);
        Map<TariffSchedule.Period, BigDecimal[]> byPeriod = new EnumMap<>(TariffSchedule.Period.class);
        BigDecimal grid = BigDecimal.ZERO;
        BigDecimal unpriced = BigDecimal.ZERO;
        BigDecimal cost = BigDecimal.ZERO;
        Map<String, Registry.Place> places = registry.places(communityId);
        for (Map.Entry<Instant, BigDecimal[]> hour : hourly(rows(communityId, zone, from, to, places)).entrySet()) {
            BigDecimal fromGrid = hour.getValue()[0].subtract(hour.getValue()[0].min(hour.getValue()[1]));
            grid = grid.add(fromGrid);
            TariffSchedule.Range range = schedule.at(hour.getKey().atZone(zone).toLocalDateTime());
            if (range == null) {
                unpriced = unpriced.add(fromGrid);
                continue;
            }
            BigDecimal hourCost = fromGrid.multiply(range.pricePerKwh());
            cost = cost.add(hourCost);
            BigDecimal[] period = byPeriod.computeIfAbsent(range.period(), p -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            period[0] = period[0].add(fromGrid);
            period[1] = period[1].add(hourCost);
        }
        List<PeriodCost> periods = byPeriod.entrySet().stream()
                .map(e -> new PeriodCost(e.getKey(), kwh(e.getValue()[0]), money(e.getValue()[1]))).toList();
        return new CostReport(communityId, from, to, zone.getId(), "CNY", kwh(grid), money(cost), periods, kwh(unpriced));
    }

    private static Quantity kwh(BigDecimal value) {
        return Quantity.of(value.setScale(ENERGY_SCALE, RoundingMode.HALF_UP), Unit.KWH);
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(MONEY_SCALE, RoundingMode.HALF_UP);
    }

    private static @Nullable Quantity share(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? null : Quantity.of(part.divide(whole, SHARE_SCALE, RoundingMode.HALF_UP), Unit.RATIO);
    }

    /**
     * Common-area electricity and PV over local days.
     *
     * @param from the first local day
     * @param to the last local day, inclusive
     * @param consumption the electricity of every common-area and subsystem meter but the buildings' master meters
     * @param bySubsystemKind by what the subsystem does ({@code LIGHTING}, {@code LIFT}, ...); {@code COMMON_AREA} for a
     *        meter of a common area, {@code UNKNOWN} for a place the registry has not described
     * @param byBuilding by the building of the subsystem or area; {@code buildingId} null for those of no building
     * @param bySubsystem by subsystem or area
     * @param buildingSupplies what each building's master meter measured (the area or subsystem the registry marks as
     *        its supply): the whole building, households and common areas, so in none of the figures above
     */
    record ConsumptionReport(String communityId, LocalDate from, LocalDate to, String timeZone, Quantity consumption,
            List<KindEnergy> bySubsystemKind, List<BuildingEnergy> byBuilding, List<SubsystemEnergy> bySubsystem, Pv pv,
            List<SupplyEnergy> buildingSupplies) {
    }

    /** A building's master meter over the days: the electricity of its supply {@code areaId}. */
    record SupplyEnergy(@Nullable String buildingId, String areaId, String name, Quantity consumption) {
    }

    record KindEnergy(String kind, Quantity consumption) {
    }

    record BuildingEnergy(@Nullable String buildingId, Quantity consumption) {
    }

    record SubsystemEnergy(String id, @Nullable String name, String kind, @Nullable String buildingId, Quantity consumption) {
    }

    /**
     * PV over the days.
     *
     * @param generation what the PV meters generated
     * @param selfConsumption used by the common areas, hour by hour the smaller of generation and consumption
     * @param surplus generation beyond that: exported or stored
     * @param selfConsumptionShare self-consumption over generation; null without generation
     * @param selfSufficiencyShare self-consumption over consumption; null without consumption
     */
    record Pv(Quantity generation, Quantity selfConsumption, Quantity surplus, @Nullable Quantity selfConsumptionShare,
            @Nullable Quantity selfSufficiencyShare) {
    }

    /**
     * The cost of the grid energy over local days.
     *
     * @param gridEnergy consumption minus PV self-consumption
     * @param cost CNY, rounded to the fen once, after summing every hour's exact cost
     * @param byPeriod grid energy and cost per tariff period
     * @param unpricedEnergy grid energy of days before the community's first tariff, not in {@code cost}
     */
    record CostReport(String communityId, LocalDate from, LocalDate to, String timeZone, String currency, Quantity gridEnergy,
            BigDecimal cost, List<PeriodCost> byPeriod, Quantity unpricedEnergy) {
    }

    record PeriodCost(TariffSchedule.Period period, Quantity energy, BigDecimal cost) {
    }
}
