package org.communitycarbon.model.credits;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;

/**
 * A household spent credits on an item of its community's catalogue ({@code action} {@code REDEEMED}), or the
 * property manager gave them back ({@code REVERSED}); {@code credits} is what moved, {@code balance} the household's
 * balance right after.
 */
public record CreditsRedeemed(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        String householdId,
        UUID redemptionId,
        String action,
        UUID itemId,
        String itemKind,
        int quantity,
        Quantity credits,
        Quantity balance,
        UUID ledgerEntryId) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** The household spent the credits. */
    public static final String REDEEMED = "REDEEMED";

    /** The redemption was reversed: the credits came back. */
    public static final String REVERSED = "REVERSED";

    private static final Set<String> ACTIONS = Set.of(REDEEMED, REVERSED);
    private static final Set<String> ITEM_KINDS = Set.of("MERCHANT_GOODS", "PROPERTY_FEE", "COMMUNITY_REWARD");

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        Require.identifier(householdId, "householdId");
        Require.present(redemptionId, "redemptionId");
        if (!ACTIONS.contains(Require.present(action, "action"))) {
            throw new ContractViolation("action", "must be one of " + ACTIONS);
        }
        Require.present(itemId, "itemId");
        if (!ITEM_KINDS.contains(Require.present(itemKind, "itemKind"))) {
            throw new ContractViolation("itemKind", "must be one of " + ITEM_KINDS);
        }
        if (quantity < 1 || quantity > 100) {
            throw new ContractViolation("quantity", "must be 1 to 100, was " + quantity);
        }
        Require.positive(Require.unit(credits, "credits", Unit.CREDIT).value(), "credits", BigDecimal.valueOf(10_000_000_000L));
        Require.between(Require.unit(balance, "balance", Unit.CREDIT).value(), "balance", BigDecimal.ZERO,
                BigDecimal.valueOf(Long.MAX_VALUE));
        Require.present(ledgerEntryId, "ledgerEntryId");
    }
}
