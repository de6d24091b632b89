package org.communitycarbon.accounting.consumption;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.sensing.MeterType;

/** What the consumption endpoints answer. */
final class ConsumptionViews {

    private ConsumptionViews() {
    }

    /**
     * A household's consumption and the emissions it causes in {@code (from, to]}.
     *
     * @param totals per meter type
     * @param emissions the sum of the totals' emissions
     * @param days consumption per local day and meter type
     * @param meters each meter's latest register
     */
    record HouseholdConsumption(String communityId, String householdId, Instant from, Instant to, String methodology,
            List<TypeTotal> totals, Quantity emissions, List<DayTotal> days, List<LatestReading> meters) {
    }

    /**
     * A community's consumption in {@code (from, to]}: households and common areas apart, PV generation with
     * the emissions it avoids.
     */
    record CommunityConsumption(String communityId, Instant from, Instant to, String methodology,
            long householdsReporting, List<TypeTotal> households, List<TypeTotal> commonAreas, Quantity emissions) {
    }

    /**
     * @param emissions consumption × factor; for PV generation, the emissions avoided
     * @param factor kg CO2(e) per unit of consumption
     */
    record TypeTotal(MeterType meterType, Quantity consumption, Quantity emissions, BigDecimal factor, long readings) {
    }

    record DayTotal(LocalDate date, MeterType meterType, Quantity consumption) {
    }

    /** A meter's newest reading by its own time, and how it stands (a newest reading may still be pending). */
    record LatestReading(String deviceId, MeterType meterType, Quantity register, Instant observedAt, RegisterQuality quality) {
    }
}
