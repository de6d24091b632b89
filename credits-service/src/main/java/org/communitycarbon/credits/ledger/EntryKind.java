package org.communitycarbon.credits.ledger;

/** Why a ledger entry changed a balance. */
public enum EntryKind {
    /** Credits for a carbon reduction. */
    REDUCTION_AWARD
}
