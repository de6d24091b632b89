package org.communitycarbon.model.recycling;

/** What the credits service did with a {@link CreditRequested}. */
public enum CreditRequestOutcome {
    /** The credits moved. */
    APPLIED,
    /** Nothing moved; the outcome's reason says why (the household holds too few credits, no deposit was held). */
    REFUSED
}
