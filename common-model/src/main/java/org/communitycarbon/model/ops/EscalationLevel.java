package org.communitycarbon.model.ops;

/**
 * Who answers for a work order: the property company first; when it lets the order pass its deadline, the community's
 * residents' committee (居委会); past the committee's own deadline, the street office (街道办) above it. An order
 * only ever goes up.
 */
public enum EscalationLevel {
    /** The community's property company: its manager and staff. Every order starts here. */
    PROPERTY_COMPANY,
    /** The community's residents' committee. */
    RESIDENTS_COMMITTEE,
    /** The street office overseeing the community. */
    STREET_OFFICE;

    /** The level above, or null at the top. */
    public @org.jspecify.annotations.Nullable EscalationLevel next() {
        return this == STREET_OFFICE ? null : values()[ordinal() + 1];
    }
}
