package org.communitycarbon.model.credits;

import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;

/**
 * Credits entered in a household's ledger for a reduction ({@code sourceEventId}), with the balance
 * right after. 1 credit = 1 g CO2e, as in the Hubei and Wuhan programmes.
 */
public record CreditsAwarded(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        String householdId,
        UUID ledgerEntryId,
        Quantity credits,
        Quantity balance,
        String reason,
        UUID sourceEventId) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        Require.identifier(householdId, "householdId");
        Require.present(ledgerEntryId, "ledgerEntryId");
        Require.unit(credits, "credits", Unit.CREDIT);
        Require.unit(balance, "balance", Unit.CREDIT);
        Require.text(reason, "reason", 200);
        Require.present(sourceEventId, "sourceEventId");
    }
}
