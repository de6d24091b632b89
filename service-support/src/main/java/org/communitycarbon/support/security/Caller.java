package org.communitycarbon.support.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.model.security.TokenClaims;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling and what they may see, read from their token. The checks throw
 * {@link AccessDeniedException} (a 403 problem) and are made before any data is looked up, so an answer
 * never tells an outsider whether something exists.
 *
 * @param subject the token's {@code sub}
 * @param roles the platform roles the token grants
 * @param householdId a resident's household
 * @param communityId the community of a resident, property manager, staff member or residents' committee
 * @param communityIds the communities a street office oversees
 * @param streetId a street office's street
 * @param partnerId the partner platform a {@link Role#PARTNER} acts for
 */
public record Caller(
        String subject,
        Set<Role> roles,
        @Nullable String householdId,
        @Nullable String communityId,
        Set<String> communityIds,
        @Nullable String streetId,
        @Nullable String partnerId) {

    public Caller {
        roles = Set.copyOf(roles);
        communityIds = Set.copyOf(communityIds);
    }

    /** A caller acting for no partner platform (the record's shape before {@code partnerId}). */
    public Caller(String subject, Set<Role> roles, @Nullable String householdId, @Nullable String communityId,
            Set<String> communityIds, @Nullable String streetId) {
        this(subject, roles, householdId, communityId, communityIds, streetId, null);
    }

    static Caller from(Jwt jwt, Collection<Role> roles) {
        return new Caller(jwt.getSubject() == null ? "" : jwt.getSubject(), Set.copyOf(roles),
                jwt.getClaimAsString(TokenClaims.HOUSEHOLD), jwt.getClaimAsString(TokenClaims.COMMUNITY),
                stringList(jwt.getClaims(), TokenClaims.COMMUNITIES), jwt.getClaimAsString(TokenClaims.STREET),
                jwt.getClaimAsString(TokenClaims.PARTNER));
    }

    private static Set<String> stringList(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value instanceof Collection<?> values) {
            return Set.copyOf(values.stream().map(String::valueOf).toList());
        }
        return value == null ? Set.of() : Set.of(String.valueOf(value));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /**
     * Whether the caller has {@code role} for {@code community} (any community when null): an admin for every
     * community; a property manager, staff member, residents' committee or resident for the one in their token; a
     * street office for one of its communities; a merchant for none. With a household, a resident only for their own.
     */
    public boolean holds(Role role, @Nullable String community, @Nullable String household) {
        if (!has(role)) {
            return false;
        }
        if (community == null) {
            return true;
        }
        return switch (role) {
            case ADMIN -> true;
            case PROPERTY_MANAGER, STAFF, RESIDENTS_COMMITTEE -> community.equals(communityId);
            case RESIDENT -> community.equals(communityId) && (household == null || household.equals(householdId));
            case STREET_OFFICE -> communityIds.contains(community);
            // a recycler serves communities by contract, recorded by the recycling service, not in its token; so does a
            // partner platform (accounting's partner registry)
            case MERCHANT, RECYCLER, PARTNER -> false;
        };
    }

    /** Staff-level reading of a community: admin, its property manager and staff, its street office. */
    public boolean oversees(String community) {
        return has(Role.ADMIN)
                || ((has(Role.PROPERTY_MANAGER) || has(Role.STAFF)) && community.equals(communityId))
                || (has(Role.STREET_OFFICE) && communityIds.contains(community));
    }

    /** Oversees the community, or lives in it. */
    public boolean belongsTo(String community) {
        return oversees(community) || (has(Role.RESIDENT) && community.equals(communityId));
    }

    /**
     * One household's own data: the resident of that household, the property manager and staff of its
     * community, an admin. A street office sees aggregates, not households.
     */
    public void requireHousehold(String community, String household) {
        boolean allowed = has(Role.ADMIN)
                || ((has(Role.PROPERTY_MANAGER) || has(Role.STAFF)) && community.equals(communityId))
                || (has(Role.RESIDENT) && community.equals(communityId) && household.equals(householdId));
        if (!allowed) {
            throw new AccessDeniedException("Household " + household + " of community " + community + " is outside your scope");
        }
    }

    /**
     * Device- and household-level detail of a community (its meters, their readings, raw device messages): its
     * property manager and staff, an admin. A street office sees aggregates only.
     */
    public void requirePropertyTeam(String community) {
        boolean allowed = has(Role.ADMIN) || ((has(Role.PROPERTY_MANAGER) || has(Role.STAFF)) && community.equals(communityId));
        if (!allowed) {
            throw new AccessDeniedException("Device detail of community " + community + " is for its property team");
        }
    }

    /** Staff-level reading of a community; see {@link #oversees(String)}. */
    public void requireOversight(String community) {
        if (!oversees(community)) {
            throw new AccessDeniedException("Community " + community + " is outside your scope");
        }
    }

    /** Anything shown to the people of a community, residents included. */
    public void requireMembership(String community) {
        if (!belongsTo(community)) {
            throw new AccessDeniedException("Community " + community + " is outside your scope");
        }
    }

    public void requireAnyRole(Role... allowed) {
        for (Role role : allowed) {
            if (has(role)) {
                return;
            }
        }
        throw new AccessDeniedException("This needs one of the roles " + List.of(allowed));
    }

    /**
     * A partner platform acting for itself: the role {@link Role#PARTNER} and {@code partnerId} in its token's
     * {@value TokenClaims#PARTNER} claim. An admin may act for any partner.
     */
    public void requirePartner(String partnerId) {
        boolean allowed = has(Role.ADMIN) || (has(Role.PARTNER) && partnerId.equals(this.partnerId));
        if (!allowed) {
            throw new AccessDeniedException("This is for the partner " + partnerId + " itself");
        }
    }

    /** The resident's own household and community, for the {@code /me} endpoints. */
    public ResidentScope requireResident() {
        if (!has(Role.RESIDENT) || householdId == null || communityId == null) {
            throw new AccessDeniedException("This is for residents; the token has no household");
        }
        return new ResidentScope(communityId, householdId);
    }

    /** A resident's household in their community. */
    public record ResidentScope(String communityId, String householdId) {
    }
}
