package org.communitycarbon.model.credits;

import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Require;

/**
 * A checkpoint of the credits ledger sealed a community's accounts: {@code communityRoot} is SHA-256 over the
 * community's chain heads as the checkpoint recorded them, {@code root} SHA-256 over every community's root
 * (docs/credits.md#tamper-evidence). Published for each community whose root changed; kept outside the database,
 * these roots let anyone detect a later rewrite of the ledger, even one that recomputed the hash chains.
 *
 * @param checkpoint the checkpoint's number, 1, 2, 3, ...
 * @param communityRoot 64 lower-case hex digits
 * @param accounts the community's accounts with entries at the checkpoint
 * @param entries the community's ledger entries at the checkpoint
 * @param root 64 lower-case hex digits: the root over all communities' roots
 * @param communities how many communities {@code root} covers
 */
public record LedgerCheckpointed(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        long checkpoint,
        String communityRoot,
        long accounts,
        long entries,
        String root,
        int communities) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        atLeast(checkpoint, 1, "checkpoint");
        sha256(communityRoot, "communityRoot");
        atLeast(accounts, 1, "accounts");
        atLeast(entries, accounts, "entries");
        sha256(root, "root");
        atLeast(communities, 1, "communities");
    }

    /** The event id of a community's checkpoint: the same checkpoint published twice is one fact. */
    public static UUID eventIdFor(long checkpoint, String communityId) {
        return EventIds.of("ledger-checkpoint", Long.toString(checkpoint), communityId);
    }

    private static void atLeast(long value, long min, String field) {
        if (value < min) {
            throw new ContractViolation(field, "must be at least " + min + ", was " + value);
        }
    }

    private static void sha256(String value, String field) {
        Require.present(value, field);
        if (!value.matches("[0-9a-f]{64}")) {
            throw new ContractViolation(field, "must be a SHA-256 hash: 64 lower-case hex digits");
        }
    }
}
