package org.communitycarbon.model.recycling;

/** What a {@link CreditRequested} asks the credits service to do. */
public enum CreditRequestKind {
    /** Move a tool booking's deposit from the household to the community's deposit account (escrow). */
    HOLD,
    /** Give a held deposit back to the household that paid it. */
    RELEASE,
    /** Move a held deposit to the community's account: the tool was lost or damaged (a reason says which). */
    FORFEIT,
    /** Move an exchange listing's asking credits from the requesting household to the owner's. */
    TRANSFER
}
