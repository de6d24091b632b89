package org.communitycarbon.model.security;

/** Who a caller is, from the {@value TokenClaims#ROLES} claim. */
public enum Role {
    /** A resident: their own household only ({@value TokenClaims#HOUSEHOLD} and {@value TokenClaims#COMMUNITY}). */
    RESIDENT,
    /** The property company's manager of one community ({@value TokenClaims#COMMUNITY}). */
    PROPERTY_MANAGER,
    /** Property staff handling work orders in one community ({@value TokenClaims#COMMUNITY}). */
    STAFF,
    /**
     * The residents' committee (居委会) of one community ({@value TokenClaims#COMMUNITY}): the level a work order the
     * property company let pass its deadline escalates to, before the street office.
     */
    RESIDENTS_COMMITTEE,
    /** A street office: the communities listed in {@value TokenClaims#COMMUNITIES}. */
    STREET_OFFICE,
    /** A merchant settling redemptions. */
    MERCHANT,
    /**
     * A licensed recycling company's dispatcher or collector: the pickups dispatched to their company only. Which
     * company is the recycling service's record of the company's collectors (by the token's subject), not a claim.
     */
    RECYCLER,
    /**
     * A partner platform (bike sharing, public transport, a map app) reporting residents' green trips, machine to
     * machine: the trips of the residents who linked their account with it, in the communities an admin onboarded it
     * for. Which partner is the token's {@value TokenClaims#PARTNER} claim; it sees no household's data.
     */
    PARTNER,
    /** Platform operator: every community. */
    ADMIN
}
