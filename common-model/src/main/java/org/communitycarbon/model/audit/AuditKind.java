package org.communitycarbon.model.audit;

/** Why an action is in the audit trail. */
public enum AuditKind {
    /** A request that changes something ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}), whatever its outcome. */
    WRITE,
    /** A read of raw or personal data (an endpoint marked as such), whatever its outcome. */
    PRIVILEGED_READ,
    /** Any other read that was refused ({@code 401} or {@code 403}): a probe of someone else's data or functions. */
    REFUSED_READ,
    /** A login attempt at an issuer of tokens, successful or not; the actor is the user name that was tried. */
    LOGIN
}
