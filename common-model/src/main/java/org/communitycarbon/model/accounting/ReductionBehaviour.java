package org.communitycarbon.model.accounting;

/**
 * The low-carbon behaviours the accounting service records. Behaviour reductions (sorted waste, green travel) belong to
 * the person who acted when the evidence names one; metered energy (electricity saved) to the household; PV generation to
 * the community.
 */
public enum ReductionBehaviour {
    /** Perishable (kitchen) waste put correctly into its bin; activity in kg. */
    SORTED_PERISHABLE_WASTE,
    /** Trips by shared bike or e-bike; activity in km. */
    GREEN_TRAVEL,
    /** Monthly household electricity below its baseline; activity in kWh. */
    ELECTRICITY_SAVING,
    /** Old goods handed to recycling; activity in kg. */
    RECYCLED_GOODS,
    /**
     * Grid electricity a community's PV meters displaced in a local month, at the grid factor; activity in kWh. A
     * community-level reduction: it belongs to no household and no person, and is never published as a
     * {@link CarbonReductionRecorded} (docs/accounting.md#pv-generation-a-community-reduction).
     */
    PV_GENERATION
}
