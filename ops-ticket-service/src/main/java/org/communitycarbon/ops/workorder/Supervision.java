package org.communitycarbon.ops.workorder;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Caller;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who reads a community's work orders: those who oversee it (its property team, its street office, an admin —
 * {@link Caller#oversees}) and its residents' committee, the level between the property company and the street office
 * (docs/operations.md, escalation). The committee is not in {@code oversees}, which every service uses for device and
 * energy reads; it reads work orders here and acts on those escalated to it.
 */
final class Supervision {

    private Supervision() {
    }

    /** The caller may read the community's work orders. */
    static boolean supervises(Caller caller, String community) {
        return caller.oversees(community) || caller.holds(Role.RESIDENTS_COMMITTEE, community, null);
    }

    /** For a path naming the community: 403 when the caller may not read its work orders. */
    static void require(Caller caller, String community) {
        if (!supervises(caller, community)) {
            throw new AccessDeniedException("Community " + community + " is outside your scope");
        }
    }

    /** The caller is of the community's property team, or an admin: not (only) its residents' committee. */
    static boolean propertyTeam(Caller caller, String community) {
        return caller.has(Role.ADMIN) || caller.holds(Role.PROPERTY_MANAGER, community, null)
                || caller.holds(Role.STAFF, community, null);
    }
}
