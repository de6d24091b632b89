package org.communitycarbon.model.accounting;

/** The low-carbon behaviours the Wuhan pilot methodology credits. */
public enum ReductionBehaviour {
    /** Perishable (kitchen) waste put correctly into its bin; activity in kg. */
    SORTED_PERISHABLE_WASTE,
    /** Trips by shared bike or e-bike; activity in km. */
    GREEN_TRAVEL,
    /** Monthly household electricity below its baseline; activity in kWh. */
    ELECTRICITY_SAVING,
    /** Old goods handed to recycling; activity in kg. */
    RECYCLED_GOODS
}
