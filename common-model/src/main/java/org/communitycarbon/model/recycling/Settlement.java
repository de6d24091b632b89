package org.communitycarbon.model.recycling;

/** How a resident is paid for what a collector weighed at their door. */
public enum Settlement {
    /** In cash, by the collector, at the community's price per kg. */
    CASH,
    /** In credits, entered in the household's ledger, at the community's credits per kg. */
    CREDITS
}
