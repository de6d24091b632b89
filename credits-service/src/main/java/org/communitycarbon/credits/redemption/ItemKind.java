package org.communitycarbon.credits.redemption;

/** What a catalogue item gives the household. */
public enum ItemKind {
    /** Goods or services of a merchant of the community (the community supermarket, a course). */
    MERCHANT_GOODS,
    /** A deduction from the household's property fee, billed by the property company. */
    PROPERTY_FEE,
    /** A reward the community gives itself (a tool loan, a "low-carbon family" certificate). */
    COMMUNITY_REWARD
}
