package org.communitycarbon.credits.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.credits.ledger.EntryHash;
import org.junit.jupiter.api.Test;

class ChainCheckTest {

    private static final Instant AT = Instant.parse("2026-11-22T08:00:00.123456Z");

    @Test
    void passesASoundChainAndItsAccountRow() {
        List<StoredEntry> chain = chain(250, 100, 50);

        ChainCheck check = walk(ChainCheck.fromGenesis("b01-0101", null), chain);

        assertThat(check.finish(3, chain.get(2).entryHash(), 400)).isNull();
        assertThat(check.checked()).isEqualTo(3);
    }

    @Test
    void namesAnEntryWhoseContentChanged() {
        List<StoredEntry> chain = chain(250, 100, 50);
        StoredEntry second = chain.get(1);
        chain.set(1, copy(second, 999_999, second.balanceAfter(), second.prevHash(), second.entryHash()));

        Mismatch mismatch = walk(ChainCheck.fromGenesis("b01-0101", null), chain).finish(3, chain.get(2).entryHash(), 400);

        assertThat(mismatch).isNotNull();
        assertThat(mismatch.entryId()).isEqualTo(second.id());
        assertThat(mismatch.problem()).isEqualTo(Mismatch.Problem.CONTENT);
        assertThat(mismatch.found()).isEqualTo(EntryHash.hex(second.entryHash()));
    }

    @Test
    void namesTheEntryAfterOneThatWasRemoved() {
        List<StoredEntry> chain = chain(250, 100, 50);
        chain.remove(1);

        Mismatch mismatch = walk(ChainCheck.fromGenesis("b01-0101", null), chain).finish(3, chain.get(1).entryHash(), 400);

        assertThat(mismatch).extracting(Mismatch::problem, Mismatch::accountSeq, Mismatch::expected, Mismatch::found)
                .containsExactly(Mismatch.Problem.SEQUENCE, 3L, "2", "3");
    }

    @Test
    void catchesAChainRecomputedAfterARewriteAtTheSealedHead() {
        List<StoredEntry> original = chain(250, 100, 50);
        ChainCheck.SealedHead sealed = new ChainCheck.SealedHead(2, original.get(1).entryHash());
        List<StoredEntry> rewritten = chain(1250, 100, 50);

        Mismatch mismatch = walk(ChainCheck.fromGenesis("b01-0101", sealed), rewritten)
                .finish(3, rewritten.get(2).entryHash(), 1400);

        assertThat(mismatch).extracting(Mismatch::problem, Mismatch::entryId, Mismatch::expected)
                .containsExactly(Mismatch.Problem.CHECKPOINT, rewritten.get(1).id(), EntryHash.hex(original.get(1).entryHash()));
    }

    @Test
    void catchesAChainCutShortOfItsSealedHead() {
        List<StoredEntry> chain = chain(250, 100, 50);
        ChainCheck.SealedHead sealed = new ChainCheck.SealedHead(3, chain.get(2).entryHash());

        Mismatch mismatch = walk(ChainCheck.fromGenesis("b01-0101", sealed), chain.subList(0, 2)).finish(2, chain.get(1).entryHash(), 350);

        assertThat(mismatch).extracting(Mismatch::problem, Mismatch::expected, Mismatch::found)
                .containsExactly(Mismatch.Problem.CHECKPOINT, "3 entries", "2 entries");
    }

    @Test
    void checksAnExtensionFromTheSealedHeadOn() {
        List<StoredEntry> chain = chain(250, 100, 50);
        ChainCheck.SealedHead sealed = new ChainCheck.SealedHead(2, chain.get(1).entryHash());

        ChainCheck check = walk(ChainCheck.from("b01-0101", 2, sealed), chain.subList(1, 3));

        assertThat(check.finish(3, chain.get(2).entryHash(), 400)).isNull();
    }

    @Test
    void comparesTheAccountRowWithTheChainsEnd() {
        List<StoredEntry> chain = chain(250, 100);

        assertThat(walk(ChainCheck.fromGenesis("b01-0101", null), chain).finish(2, chain.get(0).entryHash(), 350))
                .extracting(Mismatch::problem).isEqualTo(Mismatch.Problem.HEAD);
        assertThat(walk(ChainCheck.fromGenesis("b01-0101", null), chain).finish(2, chain.get(1).entryHash(), 9_999))
                .extracting(Mismatch::problem).isEqualTo(Mismatch.Problem.BALANCE);
    }

    @Test
    void rootsDoNotDependOnTheOrderHeadsAreGivenIn() {
        byte[] a = EntryHash.sha256(new byte[] {1});
        byte[] b = EntryHash.sha256(new byte[] {2});
        var first = new CheckpointRoots.Head("b01-0101", 3, a);
        var second = new CheckpointRoots.Head("b01-0102", 1, b);

        assertThat(CheckpointRoots.community(List.of(first, second))).isEqualTo(CheckpointRoots.community(List.of(second, first)));
        assertThat(CheckpointRoots.community(List.of(first, second)))
                .isNotEqualTo(CheckpointRoots.community(List.of(first, new CheckpointRoots.Head("b01-0102", 2, b))));
        // "b01-0101 3 <hex>\nb01-0102 1 <hex>\n", as docs/credits.md shows how to recompute it with sha256sum
        assertThat(CheckpointRoots.community(List.of(first, second))).isEqualTo(EntryHash.sha256(("b01-0101 3 " + EntryHash.hex(a)
                + "\nb01-0102 1 " + EntryHash.hex(b) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static ChainCheck walk(ChainCheck check, List<StoredEntry> entries) {
        entries.forEach(check::next);
        return check;
    }

    /** A sound chain of awards. */
    private static List<StoredEntry> chain(long... amounts) {
        List<StoredEntry> chain = new ArrayList<>();
        byte[] previous = EntryHash.GENESIS;
        long balance = 0;
        for (int i = 0; i < amounts.length; i++) {
            balance += amounts[i];
            UUID id = UUID.nameUUIDFromBytes(new byte[] {(byte) i});
            EntryHash.Content content = new EntryHash.Content(id, "maple-court", "b01-0101", i + 1, amounts[i], balance,
                    "REDUCTION_AWARD", "sorted perishable waste", UUID.nameUUIDFromBytes(new byte[] {(byte) i, 1}), AT, AT, previous);
            byte[] hash = EntryHash.of(content);
            chain.add(new StoredEntry(id, "maple-court", "b01-0101", i + 1, amounts[i], balance, "REDUCTION_AWARD",
                    "sorted perishable waste", content.sourceEventId(), AT, AT, previous, hash));
            previous = hash;
        }
        return chain;
    }

    private static StoredEntry copy(StoredEntry e, long amount, long balanceAfter, byte[] prevHash, byte[] entryHash) {
        return new StoredEntry(e.id(), e.communityId(), e.householdId(), e.accountSeq(), amount, balanceAfter, e.kind(), e.reason(),
                e.sourceEventId(), e.occurredAt(), e.recordedAt(), prevHash, entryHash);
    }
}
