package org.communitycarbon.model.security;

/** Who a caller is, from the {@value TokenClaims#ROLES} claim. */
public enum Role {
    /** A resident: their own household only ({@value TokenClaims#HOUSEHOLD} and {@value TokenClaims#COMMUNITY}). */
    RESIDENT,
    /** The property company's manager of one community ({@value TokenClaims#COMMUNITY}). */
    PROPERTY_MANAGER,
    /** Property staff handling work orders in one community ({@value TokenClaims#COMMUNITY}). */
    STAFF,
    /** A street office: the communities listed in {@value TokenClaims#COMMUNITIES}. */
    STREET_OFFICE,
    /** A merchant settling redemptions. */
    MERCHANT,
    /** Platform operator: every community. */
    ADMIN
}
