package org.communitycarbon.model.audit;

import java.util.List;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.jspecify.annotations.Nullable;

/**
 * Who acted, as their verified token said: its subject, platform roles and scope claims. Everything is empty for a
 * request without a valid token; for a {@link AuditKind#LOGIN} the subject is the user name that was tried.
 *
 * @param subject the token's {@code sub}; none without a valid token
 * @param roles the platform roles the token granted
 * @param householdId the {@code household_id} claim (a resident's household)
 * @param communityId the {@code community_id} claim (a resident's, property manager's or staff member's community)
 * @param communityIds the {@code community_ids} claim (a street office's communities)
 * @param streetId the {@code street_id} claim (a street office's street)
 */
public record AuditActor(
        @Nullable String subject,
        List<String> roles,
        @Nullable String householdId,
        @Nullable String communityId,
        List<String> communityIds,
        @Nullable String streetId) {

    /** Longest subject, claim value or role name. */
    public static final int MAX_TEXT = 200;
    /** Most roles or communities listed. */
    public static final int MAX_ITEMS = 50;

    /** Someone without a valid token. */
    public static final AuditActor ANONYMOUS = new AuditActor(null, List.of(), null, null, List.of(), null);

    public AuditActor {
        roles = roles == null ? List.of() : List.copyOf(roles);
        communityIds = communityIds == null ? List.of() : List.copyOf(communityIds);
    }

    void validate() {
        optional(subject, "actor.subject");
        optional(householdId, "actor.householdId");
        optional(communityId, "actor.communityId");
        optional(streetId, "actor.streetId");
        items(roles, "actor.roles");
        items(communityIds, "actor.communityIds");
    }

    static void optional(@Nullable String value, String field) {
        if (value != null) {
            Require.text(value, field, MAX_TEXT);
        }
    }

    private static void items(List<String> values, String field) {
        if (values.size() > MAX_ITEMS) {
            throw new ContractViolation(field, "must list at most " + MAX_ITEMS + " values");
        }
        values.forEach(value -> Require.text(value, field, MAX_TEXT));
    }
}
