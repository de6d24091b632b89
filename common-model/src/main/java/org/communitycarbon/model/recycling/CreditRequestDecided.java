package org.communitycarbon.model.recycling;

import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;
import org.jspecify.annotations.Nullable;

/**
 * The credits service applied or refused a {@link CreditRequested}, once per request (its event id derives from the
 * request's, {@link #eventIdOf}). A refusal is an outcome, not an error: the household holds fewer credits than asked,
 * or there is no held deposit to release.
 *
 * @param occurredAt when the credits service decided
 * @param requestId the request's event id
 * @param kind the request's kind
 * @param subjectId the request's tool booking or exchange listing
 * @param householdId the request's paying household
 * @param outcome applied or refused
 * @param credits the credits moved ({@code CREDIT}); 0 when refused
 * @param reason why it was refused, for the resident to read; absent when applied
 */
public record CreditRequestDecided(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        UUID requestId,
        CreditRequestKind kind,
        UUID subjectId,
        String householdId,
        CreditRequestOutcome outcome,
        Quantity credits,
        @Nullable String reason) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** One outcome per request. */
    public static UUID eventIdOf(UUID requestId) {
        return EventIds.derived(requestId, "credit-request-outcome");
    }

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        Require.present(requestId, "requestId");
        Require.present(kind, "kind");
        Require.present(subjectId, "subjectId");
        Require.identifier(householdId, "householdId");
        Require.present(outcome, "outcome");
        Require.unit(credits, "credits", Unit.CREDIT);
        if (outcome == CreditRequestOutcome.REFUSED) {
            Require.text(reason, "reason", 200);
            if (credits.value().signum() != 0) {
                throw new ContractViolation("credits", "a refusal moves no credits");
            }
        }
        else if (reason != null) {
            throw new ContractViolation("reason", "only a refusal gives a reason");
        }
    }
}
