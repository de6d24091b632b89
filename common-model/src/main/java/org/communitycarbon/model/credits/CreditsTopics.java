package org.communitycarbon.model.credits;

/** Topics the credits service writes. */
public final class CreditsTopics {

    /** {@link CreditsAwarded}, keyed by household id. */
    public static final String CREDITS_AWARDED = "credits.credits-awarded";

    /** {@link LedgerCheckpointed}, keyed by community id. */
    public static final String LEDGER_CHECKPOINTS = "credits.ledger-checkpoints";

    /** {@link CreditsRedeemed}, keyed by household id. */
    public static final String REDEMPTIONS = "credits.redemptions";

    /** {@link MerchantDebited}, keyed by merchant id: a merchant's debits and reversals in order. */
    public static final String MERCHANT_DEBITS = "credits.merchant-debits";

    private CreditsTopics() {
    }
}
