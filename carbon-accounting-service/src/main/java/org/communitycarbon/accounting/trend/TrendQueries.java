package org.communitycarbon.accounting.trend;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.accounting.rollup.Months;
import org.communitycarbon.accounting.rollup.PricedSum;
import org.communitycarbon.accounting.trend.TrendViews.BehaviourFigure;
import org.communitycarbon.accounting.trend.TrendViews.Granularity;
import org.communitycarbon.accounting.trend.TrendViews.MeterFigure;
import org.communitycarbon.accounting.trend.TrendViews.PeriodFigures;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.sensing.MeterType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A community's figures per local day or month from the community rollups, in one statement whatever the range:
 * consumption per scope, meter type and factor; reductions per behaviour and factor; participating households per
 * period. One statement reads one snapshot, so it needs no transaction (and costs no BEGIN). Emissions are priced per recorded factor, exactly as the consumption endpoints price them.
 */
@Component
class TrendQueries {

    private final JdbcTemplate jdbc;
    private final FactorCatalog catalog;

    TrendQueries(JdbcTemplate jdbc, FactorCatalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    private static final class Figures {
        final Map<MeterType, PricedSum> households = new TreeMap<>();
        final Map<MeterType, PricedSum> commonAreas = new TreeMap<>();
        final Map<String, Behaviour> behaviours = new TreeMap<>();
        long participating;
    }

    private static final class Behaviour {
        BigDecimal activity = BigDecimal.ZERO;
        BigDecimal reduction = BigDecimal.ZERO;
        long count;
        Unit unit = Unit.KG;
        final TreeSet<String> versions = new TreeSet<>();
    }

    /** The periods of {@code [from, to]}, both local dates included, each with its figures (zero when nothing happened). */
    List<PeriodFigures> figures(String communityId, LocalDate from, LocalDate to, Granularity granularity) {
        Map<String, LocalDate[]> periods = new LinkedHashMap<>();
        if (granularity == Granularity.DAY) {
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                periods.put(day.toString(), new LocalDate[] {day, day});
            }
        }
        else {
            for (YearMonth month = YearMonth.from(from); !month.isAfter(YearMonth.from(to)); month = month.plusMonths(1)) {
                LocalDate start = month.atDay(1).isBefore(from) ? from : month.atDay(1);
                LocalDate end = month.atEndOfMonth().isAfter(to) ? to : month.atEndOfMonth();
                periods.put(month.toString(), new LocalDate[] {start, end});
            }
        }
        Map<String, Figures> figures = new HashMap<>();
        periods.keySet().forEach(key -> figures.put(key, new Figures()));
        // participating households: whole months from reduction_month, the days at the edges (or every day) from reduction_day
        Months months = granularity == Granularity.MONTH ? Months.within(from, to) : Months.none(from, to);
        // one statement: consumption per scope, meter type and factor (C), reductions per behaviour and factor (R) and
        // participating households per period (P), told apart by the first column
        jdbc.query("""
                SELECT 'C', day, scope, meter_type, factor_id, consumption, NULL::numeric, readings::bigint, flagged::bigint
                FROM community_consumption_day WHERE community_id = ? AND day BETWEEN ? AND ? AND scope <> 'MASTER'
                UNION ALL
                SELECT 'R', day, behaviour, NULL, factor_id, activity, reduction, reductions::bigint, NULL
                FROM community_reduction_day WHERE community_id = ? AND day BETWEEN ? AND ?
                UNION ALL
                SELECT 'P', CASE WHEN ? THEN date_trunc('month', day)::date ELSE day END, NULL, NULL, NULL, NULL, NULL,
                       count(DISTINCT household_id), NULL
                FROM (SELECT month AS day, household_id FROM reduction_month WHERE community_id = ? AND month BETWEEN ? AND ?
                      UNION ALL
                      SELECT day, household_id FROM reduction_day
                      WHERE community_id = ? AND (day BETWEEN ? AND ? OR day BETWEEN ? AND ?)) p
                GROUP BY 2""",
                rs -> {
                    Figures f = figures.get(key(rs.getObject(2, LocalDate.class), granularity));
                    if (f == null) {
                        return;
                    }
                    switch (rs.getString(1)) {
                        case "C" -> {
                            Map<MeterType, PricedSum> scope = rs.getString(3).equals("HOUSEHOLD") ? f.households : f.commonAreas;
                            scope.computeIfAbsent(MeterType.valueOf(rs.getString(4)), k -> new PricedSum())
                                    .add(rs.getLong(5), rs.getBigDecimal(6), rs.getLong(8), rs.getLong(9));
                        }
                        case "R" -> {
                            Behaviour b = f.behaviours.computeIfAbsent(rs.getString(3), k -> new Behaviour());
                            b.activity = b.activity.add(rs.getBigDecimal(6));
                            b.reduction = b.reduction.add(rs.getBigDecimal(7));
                            b.count += rs.getLong(8);
                            catalog.byId(rs.getLong(5)).ifPresent(factor -> {
                                b.unit = factor.perUnit();
                                b.versions.add(factor.versionLabel());
                            });
                        }
                        default -> f.participating = rs.getLong(8);
                    }
                },
                communityId, Date.valueOf(from), Date.valueOf(to), communityId, Date.valueOf(from), Date.valueOf(to),
                granularity == Granularity.MONTH, communityId, months.monthArgs()[0], months.monthArgs()[1], communityId,
                months.dayArgs()[0], months.dayArgs()[1], months.dayArgs()[2], months.dayArgs()[3]);
        List<PeriodFigures> answer = new ArrayList<>();
        periods.forEach((key, dates) -> answer.add(view(key, dates[0], dates[1], figures.get(key))));
        return answer;
    }

    private static String key(LocalDate day, Granularity granularity) {
        return granularity == Granularity.DAY ? day.toString() : YearMonth.from(day).toString();
    }

    private PeriodFigures view(String key, LocalDate from, LocalDate to, Figures f) {
        List<MeterFigure> households = meters(f.households);
        List<MeterFigure> commonAreas = meters(f.commonAreas);
        BigDecimal emissions = BigDecimal.ZERO;
        BigDecimal avoided = BigDecimal.ZERO;
        boolean co2Only = true;
        boolean any = false;
        TreeSet<String> versions = new TreeSet<>();
        long readings = 0;
        long flagged = 0;
        for (Map<MeterType, PricedSum> scope : List.of(f.households, f.commonAreas)) {
            for (Map.Entry<MeterType, PricedSum> e : scope.entrySet()) {
                PricedSum sum = e.getValue();
                versions.addAll(sum.versions(catalog));
                readings += sum.readings();
                flagged += sum.flagged();
                if (e.getKey() == MeterType.PV_GENERATION) {
                    avoided = avoided.add(sum.emissions(catalog));
                    continue;
                }
                emissions = emissions.add(sum.emissions(catalog));
                any = true;
                co2Only &= sum.gas(catalog) == Unit.KG_CO2;
            }
        }
        List<BehaviourFigure> reductions = new ArrayList<>();
        BigDecimal reductionTotal = BigDecimal.ZERO;
        for (Map.Entry<String, Behaviour> e : f.behaviours.entrySet()) {
            Behaviour b = e.getValue();
            reductions.add(new BehaviourFigure(e.getKey(), Quantity.of(b.activity.setScale(3, RoundingMode.HALF_UP), b.unit), Quantity.of(b.reduction.setScale(3,
                            RoundingMode.HALF_UP), Unit.KG_CO2E), b.count, List.copyOf(b.versions)));
            reductionTotal = reductionTotal.add(b.reduction);
            versions.addAll(b.versions);
        }
        return new PeriodFigures(key, from, to, households, commonAreas,
                Quantity.of(emissions.setScale(3, RoundingMode.HALF_UP), any && co2Only ? Unit.KG_CO2 : Unit.KG_CO2E),
                Quantity.of(avoided.setScale(3, RoundingMode.HALF_UP), Unit.KG_CO2),
                reductions, Quantity.of(reductionTotal.setScale(3, RoundingMode.HALF_UP), Unit.KG_CO2E), f.participating, readings,
                flagged, List.copyOf(versions));
    }

    private List<MeterFigure> meters(Map<MeterType, PricedSum> scope) {
        List<MeterFigure> figures = new ArrayList<>();
        scope.forEach((type, sum) -> figures.add(new MeterFigure(type,
                Quantity.of(sum.consumption().setScale(3, RoundingMode.HALF_UP), type.registerUnit()), sum.emissionsQuantity(catalog),
                Quantity.of(sum.unpriced(catalog).setScale(3, RoundingMode.HALF_UP), type.registerUnit()), sum.versions(catalog))));
        return figures;
    }
}
