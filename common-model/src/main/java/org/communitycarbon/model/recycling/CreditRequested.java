package org.communitycarbon.model.recycling;

import java.math.BigDecimal;
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
 * The recycling service asks the credits service to move credits: hold a tool booking's deposit, release or forfeit
 * it, or transfer an exchange listing's asking credits at the hand-over. The event id is the request's id, derived
 * from what it is about ({@link #holdIdOf}, {@link #settlementIdOf}, {@link #transferIdOf}), so the same request is
 * applied once however often it is sent; the credits service answers each with one {@link CreditRequestDecided}.
 *
 * @param kind what to do
 * @param subjectId the tool booking (HOLD, RELEASE, FORFEIT) or the exchange listing (TRANSFER)
 * @param householdId who pays: the booking's household (HOLD; RELEASE and FORFEIT name it too), the requesting household (TRANSFER)
 * @param toHouseholdId who is paid by a TRANSFER: the listing's owner; absent otherwise
 * @param credits how many, a whole number from 1 to 100000, {@code CREDIT}
 * @param holdId the HOLD request a RELEASE or FORFEIT settles; absent otherwise
 * @param reason what the ledger entry says, at most 200 characters; a FORFEIT's says why the deposit is kept
 */
public record CreditRequested(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        CreditRequestKind kind,
        UUID subjectId,
        String householdId,
        @Nullable String toHouseholdId,
        Quantity credits,
        @Nullable UUID holdId,
        String reason) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** The most credits one request moves: a tool's or a listing's largest price. */
    public static final BigDecimal MAX_CREDITS = new BigDecimal("100000");

    /** The HOLD of a tool booking's deposit. */
    public static UUID holdIdOf(UUID bookingId) {
        return EventIds.of("tool-deposit-hold", bookingId.toString());
    }

    /** The RELEASE or FORFEIT of a tool booking's deposit: one id for both, so a deposit is settled once. */
    public static UUID settlementIdOf(UUID bookingId) {
        return EventIds.of("tool-deposit-settlement", bookingId.toString());
    }

    /** The TRANSFER of a listing's asking credits at its {@code attempt}th hand-over (1, 2, … after a refusal). */
    public static UUID transferIdOf(UUID listingId, int attempt) {
        return EventIds.of("exchange-transfer", listingId.toString(), Integer.toString(attempt));
    }

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        Require.present(kind, "kind");
        Require.present(subjectId, "subjectId");
        Require.identifier(householdId, "householdId");
        if (kind == CreditRequestKind.TRANSFER) {
            if (Require.identifier(toHouseholdId, "toHouseholdId").equals(householdId)) {
                throw new ContractViolation("toHouseholdId", "must differ from householdId");
            }
        }
        else if (toHouseholdId != null) {
            throw new ContractViolation("toHouseholdId", "only a TRANSFER names a household paid");
        }
        Quantity amount = Require.unit(credits, "credits", Unit.CREDIT);
        BigDecimal value = Require.between(amount.value(), "credits.value", BigDecimal.ONE, MAX_CREDITS);
        if (value.stripTrailingZeros().scale() > 0) {
            throw new ContractViolation("credits.value", "must be a whole number of credits, was " + Require.show(value));
        }
        boolean settles = kind == CreditRequestKind.RELEASE || kind == CreditRequestKind.FORFEIT;
        if (settles != (holdId != null)) {
            throw new ContractViolation("holdId", settles ? "a " + kind + " names the HOLD it settles" : "only RELEASE and FORFEIT name a HOLD");
        }
        Require.text(reason, "reason", 200);
    }
}
