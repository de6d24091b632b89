package org.communitycarbon.model.credits;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;
import org.jspecify.annotations.Nullable;

/**
 * A merchant debited a household's credits after scanning its code ({@code action} {@code DEBITED}), or the debit was
 * given back ({@code REVERSED}) by the merchant or the property manager. It names the household only by its pseudonym,
 * as the merchant's receipt does, and carries no balance: a merchant's system and the settlement follow it.
 *
 * @param householdRef the household's pseudonym ({@code HH-} and 8 hex digits), as on the receipt
 * @param amount credits that moved: debited when {@code DEBITED}, credited back when {@code REVERSED}
 * @param itemId the catalogue item sold with the debit, if any
 * @param actor the subject of the user who debited or reversed
 */
public record MerchantDebited(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        UUID merchantId,
        UUID debitId,
        String action,
        String householdRef,
        Quantity amount,
        @Nullable UUID itemId,
        UUID ledgerEntryId,
        String actor) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** The merchant took the credits. */
    public static final String DEBITED = "DEBITED";

    /** The debit was given back: the credits came back to the household. */
    public static final String REVERSED = "REVERSED";

    /** The most a merchant debits at once. */
    public static final BigDecimal MAX_AMOUNT = BigDecimal.valueOf(100_000_000);

    private static final Set<String> ACTIONS = Set.of(DEBITED, REVERSED);

    /** The event id of a debit ({@code DEBITED}) or of its reversal ({@code REVERSED}): one fact, one id. */
    public static UUID eventIdOf(UUID debitId, String action) {
        return EventIds.derived(debitId, DEBITED.equals(action) ? "merchant-debited" : "merchant-debit-reversed");
    }

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        Require.present(merchantId, "merchantId");
        Require.present(debitId, "debitId");
        if (!ACTIONS.contains(Require.present(action, "action"))) {
            throw new ContractViolation("action", "must be one of " + ACTIONS);
        }
        if (!Require.present(householdRef, "householdRef").matches("HH-[0-9A-F]{8}")) {
            throw new ContractViolation("householdRef", "must be HH- and 8 upper-case hex digits");
        }
        Require.positive(Require.unit(amount, "amount", Unit.CREDIT).value(), "amount", MAX_AMOUNT);
        if (amount.value().stripTrailingZeros().scale() > 0) {
            throw new ContractViolation("amount.value", "must be a whole number of credits");
        }
        Require.present(ledgerEntryId, "ledgerEntryId");
        Require.text(actor, "actor", 200);
    }
}
