package org.communitycarbon.accounting.consumption;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.sensing.MeterType;
import org.jspecify.annotations.Nullable;

/** What the consumption endpoints answer. */
final class ConsumptionViews {

    private ConsumptionViews() {
    }

    /**
     * A household's consumption and the emissions it causes in {@code (from, to]}.
     *
     * @param methodology the community's methodology at {@code to}
     * @param factorVersions the methodology versions whose factors priced these figures, e.g. {@code wuhan-pilot v1}
     * @param totals per meter type
     * @param emissions the sum of the totals' emissions
     * @param days consumption per local day and meter type
     * @param meters each meter's latest register
     */
    record HouseholdConsumption(String communityId, String householdId, Instant from, Instant to, String methodology,
            List<String> factorVersions, List<TypeTotal> totals, Quantity emissions, List<DayTotal> days, List<LatestReading> meters) {
    }

    /**
     * A community's consumption in {@code (from, to]}: households and common areas apart, PV generation with
     * the emissions it avoids.
     */
    record CommunityConsumption(String communityId, Instant from, Instant to, String methodology, List<String> factorVersions,
            long householdsReporting, List<TypeTotal> households, List<TypeTotal> commonAreas, Quantity emissions) {
    }

    /**
     * @param emissions consumption × factor, in kg CO2 (electricity, gas: what their official factors count) or
     *        kg CO2e (water); for PV generation, the emissions avoided
     * @param factor kg per unit of consumption, when one factor priced it all
     * @param pricedBy each factor that priced part of the consumption, with that part
     * @param unpriced consumption whose readings were stored without a factor (their version had none)
     */
    record TypeTotal(MeterType meterType, Quantity consumption, Quantity emissions, @Nullable BigDecimal factor, long readings,
            List<PricedBy> pricedBy, Quantity unpriced) {
    }

    /**
     * A factor, and the consumption it priced.
     *
     * @param factorId the published factor ({@code /api/accounting/methodologies/{methodology}/versions/{version}})
     * @param appliesTo the grid region it is for, or empty
     * @param factor kg of {@code gas} per unit of consumption
     */
    record PricedBy(long factorId, String methodology, int version, String appliesTo, BigDecimal factor, Unit gas,
            Quantity consumption) {
    }

    record DayTotal(LocalDate date, MeterType meterType, Quantity consumption) {
    }

    /** A meter's newest reading by its own time, and how it stands (a newest reading may still be pending). */
    record LatestReading(String deviceId, MeterType meterType, Quantity register, Instant observedAt, RegisterQuality quality) {
    }

    /**
     * A community's local day hour by hour, from the hourly rollups: each local hour {@code (from, to]} with its
     * households' and common areas' consumption per meter type (a building's master meter is left out, as in every total).
     */
    record CommunityHours(String communityId, String timeZone, LocalDate day, List<String> factorVersions, List<HourFigures> hours) {
    }

    /** @param localTime the hour's start on the community's clock, {@code 09:00} */
    record HourFigures(Instant from, Instant to, String localTime, List<HourTotal> households, List<HourTotal> commonAreas) {
    }

    /**
     * @param emissions consumption priced by the factors recorded with its readings, in their gas (PV: avoided)
     * @param readings readings stored in the hour, of which {@code flagged} are not counted (a figure resting on them says so)
     */
    record HourTotal(MeterType meterType, Quantity consumption, Quantity emissions, long readings, long flagged) {
    }
}
