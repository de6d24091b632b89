package org.communitycarbon.model.accounting;

/** Topics the carbon-accounting service writes, keyed by household id. */
public final class AccountingTopics {

    /** {@link CarbonReductionRecorded}. */
    public static final String CARBON_REDUCTIONS = "accounting.carbon-reductions";

    private AccountingTopics() {
    }
}
