package org.communitycarbon.model.reports;

import java.util.Locale;

import org.communitycarbon.model.Unit;
import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.communitycarbon.model.sensing.WasteKind;

/**
 * The names of the monthly figures and who counts them. Every figure is additive across communities (a count or a
 * total over the community's local calendar month); the report composes the rates:
 * <ul>
 * <li>participation = {@link #DEPOSIT_HOUSEHOLDS} / {@link #HOUSEHOLDS};</li>
 * <li>sorting accuracy = {@link #DEPOSITS_CORRECT} / {@link #DEPOSITS};</li>
 * <li>recycling rate = ({@code waste.kg.recyclable} + {@link #RECYCLING_KG}) / (Σ {@code waste.kg.*} + {@link #RECYCLING_KG});</li>
 * <li>energy per household = {@link #HOUSEHOLD_ELECTRICITY} / {@link #HOUSEHOLDS_METERED};</li>
 * <li>device uptime = {@link #DEVICE_HOURS_REPORTING} / {@link #DEVICE_HOURS_EXPECTED};</li>
 * <li>work orders closed on time = {@link #WORK_ORDERS_CLOSED_ON_TIME} / {@link #WORK_ORDERS_CLOSED}.</li>
 * </ul>
 */
public final class MonthlyFigureNames {

    // --- SENSING
    /** Devices registered in the community at the end of the month (or now, for the running month), {@link Unit#COUNT}. */
    public static final String DEVICES_REGISTERED = "devices.registered";
    /** Hours each registered device was registered during the month, summed, {@link Unit#COUNT}. */
    public static final String DEVICE_HOURS_EXPECTED = "devices.expectedHours";
    /** Hours in which a registered device sent at least one message, summed over devices, {@link Unit#COUNT}. */
    public static final String DEVICE_HOURS_REPORTING = "devices.reportingHours";
    /** Waste deposits, {@link Unit#COUNT}. */
    public static final String DEPOSITS = "deposits.count";
    /** Deposits the bin judged correctly sorted, {@link Unit#COUNT}. */
    public static final String DEPOSITS_CORRECT = "deposits.correct";
    /** Distinct households with at least one deposit, {@link Unit#COUNT}. */
    public static final String DEPOSIT_HOUSEHOLDS = "deposits.households";
    /** Prefix of the weight deposited per waste kind, {@link Unit#KG}: see {@link #wasteOf(WasteKind)}. */
    public static final String WASTE_PREFIX = "waste.kg.";

    // --- ACCOUNTING
    /** Households of the community (its places), {@link Unit#COUNT}. */
    public static final String HOUSEHOLDS = "households.count";
    /** Electricity the households' meters counted, {@link Unit#KWH}. */
    public static final String HOUSEHOLD_ELECTRICITY = "energy.householdKwh";
    /** Households whose electricity meter counted something, {@link Unit#COUNT}. */
    public static final String HOUSEHOLDS_METERED = "energy.householdsMetered";
    /** Prefix of the reductions per behaviour, {@link Unit#KG_CO2E}: see {@link #reductionOf(ReductionBehaviour)}. */
    public static final String REDUCTION_PREFIX = "reduction.kgCo2e.";

    // --- CREDITS
    /** Credits issued (awarded), {@link Unit#CREDIT}. */
    public static final String CREDITS_ISSUED = "credits.issued";
    /** Credits redeemed (spent), {@link Unit#CREDIT}. */
    public static final String CREDITS_REDEEMED = "credits.redeemed";

    // --- RECYCLING
    /** Recyclables weighed at settled pickups, {@link Unit#KG}. */
    public static final String RECYCLING_KG = "recycling.collectedKg";
    /** Pickups settled, {@link Unit#COUNT}. */
    public static final String RECYCLING_PICKUPS = "recycling.pickups";

    // --- OPS
    /** Work orders opened, {@link Unit#COUNT}. */
    public static final String WORK_ORDERS_OPENED = "workOrders.opened";
    /** Work orders closed (or resolved and not reopened), {@link Unit#COUNT}. */
    public static final String WORK_ORDERS_CLOSED = "workOrders.closed";
    /** Of those closed, closed by their deadline, {@link Unit#COUNT}. */
    public static final String WORK_ORDERS_CLOSED_ON_TIME = "workOrders.closedOnTime";
    /** Escalations (each level reached counts once), {@link Unit#COUNT}. */
    public static final String WORK_ORDERS_ESCALATED = "workOrders.escalated";

    private MonthlyFigureNames() {
    }

    /** {@code waste.kg.recyclable} and so on. */
    public static String wasteOf(WasteKind kind) {
        return WASTE_PREFIX + kind.name().toLowerCase(Locale.ROOT);
    }

    /** {@code reduction.kgCo2e.SORTED_PERISHABLE_WASTE} and so on. */
    public static String reductionOf(ReductionBehaviour behaviour) {
        return REDUCTION_PREFIX + behaviour.name();
    }
}
