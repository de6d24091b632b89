package org.communitycarbon.credits.ledger;

/** Why a ledger entry changed a balance. */
public enum EntryKind {
    /** Credits for a carbon reduction. */
    REDUCTION_AWARD,
    /** Credits for recycled goods a collector weighed at the door, at the community's credits per kg (a pickup settled in credits). */
    RECYCLING_SETTLEMENT,
    /** Credits spent on a catalogue item (a debit). */
    REDEMPTION,
    /** Credits given back when the property manager reverses a redemption (a credit; the redemption stays). */
    REDEMPTION_REVERSAL,
    /** Credits a merchant took for goods or services after scanning the household's code (a debit). */
    MERCHANT_DEBIT,
    /** A merchant debit given back, by the merchant (a refund) or the property manager (a credit; the debit stays). */
    MERCHANT_DEBIT_REVERSAL,
    /**
     * A shared tool's deposit held: a debit of the household and a credit of the community's deposit account
     * ({@code ~tool-deposits}), for one booking.
     */
    DEPOSIT_HOLD,
    /** A held deposit given back on the tool's return: a debit of the deposit account and a credit of the household. */
    DEPOSIT_RELEASE,
    /** A held deposit kept for a lost or damaged tool: a debit of the deposit account, a credit of the community's account ({@code ~community}). */
    DEPOSIT_FORFEIT,
    /** A second-hand item's asking credits at its hand-over: a debit of the requesting household and a credit of the owner. */
    EXCHANGE_TRANSFER
}
