package org.communitycarbon.ops.notification;

import org.communitycarbon.model.security.Role;
import org.jspecify.annotations.Nullable;

/**
 * Who a notification is for: the users holding {@code role} for {@code communityId}; for residents, optionally one
 * household only; or one user by their token's subject (then {@code role} and the community say who they are).
 */
public record Audience(Role role, String communityId, @Nullable String householdId, @Nullable String subject) {

    public Audience {
        if (role == Role.ADMIN || role == Role.MERCHANT || role == Role.RECYCLER || role == Role.PARTNER) {
            throw new IllegalArgumentException("notifications are for the people of a community, not " + role);
        }
        if (householdId != null && role != Role.RESIDENT) {
            throw new IllegalArgumentException("only residents are addressed by household");
        }
    }

    /** Everyone of {@code role} for the community: its residents' committee, its street office. */
    public static Audience of(Role role, String communityId) {
        return new Audience(role, communityId, null, null);
    }

    /** The residents of one household. */
    public static Audience household(String communityId, String householdId) {
        return new Audience(Role.RESIDENT, communityId, householdId, null);
    }

    /** One user, by their token's subject. */
    public static Audience user(Role role, String communityId, String subject) {
        return new Audience(role, communityId, null, subject);
    }
}
