package org.communitycarbon.model.device;

/** What a controller did with a command. */
public enum CommandOutcome {
    /** It applies the command (or had applied it already: a repeated command id). */
    ACCEPTED,
    /** It cannot apply it, and says why. */
    REJECTED
}
