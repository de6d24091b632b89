package org.communitycarbon.model.security;

/** Names of the JWT claims the platform reads. */
public final class TokenClaims {

    /** Array of {@link Role} names. The claim name is configurable for external issuers. */
    public static final String ROLES = "roles";

    /** The resident's household id. */
    public static final String HOUSEHOLD = "household_id";

    /** The community of a resident, property manager or staff member. */
    public static final String COMMUNITY = "community_id";

    /** Array of community ids a street office oversees. */
    public static final String COMMUNITIES = "community_ids";

    /** The street office's street id. */
    public static final String STREET = "street_id";

    /** The partner platform a {@link Role#PARTNER} token acts for (accounting's partner registry). */
    public static final String PARTNER = "partner_id";

    private TokenClaims() {
    }
}
