package org.communitycarbon.credits.integrity;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

import org.communitycarbon.credits.ledger.EntryHash;

/**
 * The roots a checkpoint publishes (docs/credits.md#tamper-evidence), as SHA-256 over UTF-8 text of one line per
 * item, each ended by a line feed, sorted by identifier (identifiers are ASCII, so Java's and PostgreSQL's
 * {@code COLLATE "C"} order agree):
 * <ul>
 * <li>a community's root: {@code <householdId> <chain length> <head hash hex>} per account with entries;</li>
 * <li>the checkpoint's root: {@code <communityId> <community root hex>} per community.</li>
 * </ul>
 */
final class CheckpointRoots {

    private CheckpointRoots() {
    }

    /** An account's chain head as sealed. */
    record Head(String householdId, long chainLength, byte[] headHash) {
    }

    /** A community's root. */
    record Community(String communityId, byte[] root) {
    }

    static byte[] community(List<Head> heads) {
        StringBuilder text = new StringBuilder();
        heads.stream().sorted(Comparator.comparing(Head::householdId)).forEach(head -> text.append(head.householdId()).append(' ')
                .append(head.chainLength()).append(' ').append(EntryHash.hex(head.headHash())).append('\n'));
        return EntryHash.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    static byte[] root(List<Community> communities) {
        StringBuilder text = new StringBuilder();
        communities.stream().sorted(Comparator.comparing(Community::communityId)).forEach(community -> text
                .append(community.communityId()).append(' ').append(EntryHash.hex(community.root())).append('\n'));
        return EntryHash.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
