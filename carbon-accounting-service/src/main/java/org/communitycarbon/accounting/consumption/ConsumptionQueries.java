package org.communitycarbon.accounting.consumption;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import org.communitycarbon.accounting.consumption.ConsumptionViews.CommunityConsumption;
import org.communitycarbon.accounting.consumption.ConsumptionViews.DayTotal;
import org.communitycarbon.accounting.consumption.ConsumptionViews.HouseholdConsumption;
import org.communitycarbon.accounting.consumption.ConsumptionViews.LatestReading;
import org.communitycarbon.accounting.consumption.ConsumptionViews.TypeTotal;
import org.communitycarbon.accounting.methodology.AccountingSettings;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.sensing.MeterType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Aggregates consumption in SQL and prices it in CO2e with the community's methodology. */
@Component
@Transactional(readOnly = true)
class ConsumptionQueries {

    private final JdbcTemplate jdbc;
    private final AccountingSettings settings;

    ConsumptionQueries(JdbcTemplate jdbc, AccountingSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    HouseholdConsumption household(String communityId, String householdId, Period period) {
        AccountingSettings.NamedMethodology methodology = settings.methodologyOf(communityId);
        List<TypeTotal> totals = jdbc.query("""
                SELECT meter_type, coalesce(sum(delta), 0), count(*) FROM meter_reading
                WHERE community_id = ? AND household_id = ? AND observed_at > ? AND observed_at <= ?
                GROUP BY meter_type ORDER BY meter_type""",
                (rs, n) -> total(MeterType.valueOf(rs.getString(1)), rs.getBigDecimal(2), rs.getLong(3), methodology),
                communityId, householdId, Timestamp.from(period.from()), Timestamp.from(period.to()));
        List<DayTotal> days = jdbc.query("""
                SELECT (observed_at AT TIME ZONE ?)::date AS day, meter_type, coalesce(sum(delta), 0) FROM meter_reading
                WHERE community_id = ? AND household_id = ? AND observed_at > ? AND observed_at <= ?
                GROUP BY day, meter_type ORDER BY day, meter_type""",
                (rs, n) -> {
                    MeterType type = MeterType.valueOf(rs.getString(2));
                    return new DayTotal(rs.getDate(1).toLocalDate(), type, Quantity.of(rs.getBigDecimal(3), type.registerUnit()));
                },
                settings.timeZone().getId(), communityId, householdId, Timestamp.from(period.from()), Timestamp.from(period.to()));
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
        return new HouseholdConsumption(communityId, householdId, period.from(), period.to(), methodology.id(), totals,
                emissions(totals), days, meters);
    }

    CommunityConsumption community(String communityId, Period period) {
        AccountingSettings.NamedMethodology methodology = settings.methodologyOf(communityId);
        List<TypeTotal> households = new ArrayList<>();
        List<TypeTotal> commonAreas = new ArrayList<>();
        jdbc.query("""
                SELECT meter_type, household_id IS NOT NULL AS household, coalesce(sum(delta), 0), count(*) FROM meter_reading
                WHERE community_id = ? AND observed_at > ? AND observed_at <= ?
                GROUP BY meter_type, household ORDER BY meter_type""",
                rs -> {
                    TypeTotal total = total(MeterType.valueOf(rs.getString(1)), rs.getBigDecimal(3), rs.getLong(4), methodology);
                    (rs.getBoolean(2) ? households : commonAreas).add(total);
                },
                communityId, Timestamp.from(period.from()), Timestamp.from(period.to()));
        Long reporting = jdbc.queryForObject("""
                SELECT count(DISTINCT household_id) FROM meter_reading
                WHERE community_id = ? AND observed_at > ? AND observed_at <= ?""",
                Long.class, communityId, Timestamp.from(period.from()), Timestamp.from(period.to()));
        List<TypeTotal> all = new ArrayList<>(households);
        all.addAll(commonAreas);
        return new CommunityConsumption(communityId, period.from(), period.to(), methodology.id(),
                reporting == null ? 0 : reporting, households, commonAreas, emissions(all));
    }

    private static TypeTotal total(MeterType type, BigDecimal consumption, long readings,
            AccountingSettings.NamedMethodology methodology) {
        BigDecimal factor = methodology.factors().emissionFactor(type);
        BigDecimal emissions = consumption.multiply(factor).setScale(3, RoundingMode.HALF_UP);
        return new TypeTotal(type, Quantity.of(consumption.setScale(3, RoundingMode.HALF_UP), type.registerUnit()),
                Quantity.of(emissions, Unit.KG_CO2E), factor, readings);
    }

    /** Emissions of consumption; PV generation avoids emissions rather than causing them, so it is left out. */
    private static Quantity emissions(List<TypeTotal> totals) {
        BigDecimal sum = totals.stream().filter(t -> t.meterType() != MeterType.PV_GENERATION)
                .map(t -> t.emissions().value()).reduce(BigDecimal.ZERO, BigDecimal::add);
        return Quantity.of(sum, Unit.KG_CO2E);
    }
}
