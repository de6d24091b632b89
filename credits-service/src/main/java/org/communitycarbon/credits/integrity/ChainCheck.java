package org.communitycarbon.credits.integrity;

import java.util.Arrays;

import org.communitycarbon.credits.ledger.EntryHash;
import org.jspecify.annotations.Nullable;

/**
 * Walks one account's entries in chain order and reports the first that does not match: its position, its link to
 * the entry before it, its content hash, its running balance, and the head a checkpoint sealed. Pure logic, no I/O.
 */
final class ChainCheck {

    private final String household;
    private final @Nullable SealedHead sealed;
    private long expectedSeq;
    private byte @Nullable [] previous;
    private long balance;
    private boolean balanceKnown;
    private @Nullable StoredEntry last;
    private long checked;
    private @Nullable Mismatch mismatch;

    /** From the account's first entry. */
    static ChainCheck fromGenesis(String household, @Nullable SealedHead sealed) {
        return new ChainCheck(household, sealed, 1, EntryHash.GENESIS, 0, true);
    }

    /** From position {@code seq} on, whose predecessor is not read: its own link is not checked. */
    static ChainCheck from(String household, long seq, @Nullable SealedHead sealed) {
        return new ChainCheck(household, sealed, seq, null, 0, false);
    }

    private ChainCheck(String household, @Nullable SealedHead sealed, long firstSeq, byte @Nullable [] previous, long balance,
            boolean balanceKnown) {
        this.household = household;
        this.sealed = sealed;
        this.expectedSeq = firstSeq;
        this.previous = previous;
        this.balance = balance;
        this.balanceKnown = balanceKnown;
    }

    /** Checks the next entry; false once a mismatch is found (later entries are not looked at). */
    boolean next(StoredEntry entry) {
        if (mismatch != null) {
            return false;
        }
        checked++;
        if (entry.accountSeq() != expectedSeq) {
            return fail(entry, Mismatch.Problem.SEQUENCE, Long.toString(expectedSeq), Long.toString(entry.accountSeq()));
        }
        if (previous != null && !Arrays.equals(previous, entry.prevHash())) {
            return fail(entry, Mismatch.Problem.PREVIOUS_HASH, EntryHash.hex(previous), EntryHash.hex(entry.prevHash()));
        }
        byte[] recomputed = entry.recomputedHash();
        if (!Arrays.equals(recomputed, entry.entryHash())) {
            return fail(entry, Mismatch.Problem.CONTENT, recomputed.length == 0 ? "a content the canonical form can hold"
                    : EntryHash.hex(recomputed), EntryHash.hex(entry.entryHash()));
        }
        if (balanceKnown && balance + entry.amount() != entry.balanceAfter()) {
            return fail(entry, Mismatch.Problem.BALANCE, Long.toString(balance + entry.amount()), Long.toString(entry.balanceAfter()));
        }
        if (sealed != null && sealed.chainLength() == entry.accountSeq() && !Arrays.equals(sealed.headHash(), entry.entryHash())) {
            return fail(entry, Mismatch.Problem.CHECKPOINT, EntryHash.hex(sealed.headHash()), EntryHash.hex(entry.entryHash()));
        }
        previous = entry.entryHash();
        balance = entry.balanceAfter();
        balanceKnown = true;
        expectedSeq++;
        last = entry;
        return true;
    }

    /**
     * After the last entry: the account row must end the chain where its entries end, hold the last running balance,
     * and the chain must reach the sealed head.
     */
    @Nullable Mismatch finish(long chainLength, byte @Nullable [] headHash, long accountBalance) {
        if (mismatch != null) {
            return mismatch;
        }
        StoredEntry end = last;
        long length = expectedSeq - 1;
        if (sealed != null && sealed.chainLength() > length) {
            return found(null, Mismatch.Problem.CHECKPOINT, sealed.chainLength() + " entries", length + " entries");
        }
        if (chainLength != length) {
            return found(end, Mismatch.Problem.HEAD, "chain length " + length, "chain length " + chainLength);
        }
        byte[] expectedHead = end == null ? null : end.entryHash();
        if (expectedHead != null && !Arrays.equals(expectedHead, headHash)) {
            return found(end, Mismatch.Problem.HEAD, EntryHash.hex(expectedHead), headHash == null ? "none" : EntryHash.hex(headHash));
        }
        if (end != null && balanceKnown && accountBalance != balance) {
            return found(end, Mismatch.Problem.BALANCE, "balance " + balance, "balance " + accountBalance);
        }
        return null;
    }

    long checked() {
        return checked;
    }

    private Mismatch found(@Nullable StoredEntry entry, Mismatch.Problem problem, String expected, String found) {
        fail(entry, problem, expected, found);
        return java.util.Objects.requireNonNull(mismatch);
    }

    private boolean fail(@Nullable StoredEntry entry, Mismatch.Problem problem, String expected, String found) {
        mismatch = new Mismatch(household, entry == null ? null : entry.id(), entry == null ? null : entry.accountSeq(), problem,
                expected, found);
        return false;
    }

    /** An account's chain as a checkpoint sealed it. */
    record SealedHead(long chainLength, byte[] headHash) {
    }
}
