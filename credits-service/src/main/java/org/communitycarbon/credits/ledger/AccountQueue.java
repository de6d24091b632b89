package org.communitycarbon.credits.ledger;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.stereotype.Component;

/**
 * Queues this instance's requests that debit one account, so that one at a time takes the account's row lock in
 * PostgreSQL. Correctness does not depend on it — the conditional update and the row lock keep the balance right across
 * instances — but a hot account with many waiting transactions costs more than the work: each commit wakes every
 * session waiting for the row, all but one to sleep again, and each waiting transaction holds a pooled connection.
 * Waiting here costs a parked thread, woken in turn. Accounts share 1,024 fair locks by hash.
 */
@Component
public class AccountQueue {

    private static final int STRIPES = 1024;
    /** Longer than any debit takes; beyond it the caller answers a transient failure rather than queue forever. */
    private static final long MAX_WAIT_SECONDS = 30;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    AccountQueue() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock(true);
        }
    }

    /** Runs {@code work} (a transaction that debits the account) when this instance's earlier debits of it are done. */
    public <T> T inTurn(String communityId, String householdId, Supplier<T> work) {
        ReentrantLock lock = locks[Math.floorMod((communityId + "|" + householdId).hashCode(), STRIPES)];
        try {
            if (!lock.tryLock(MAX_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new CannotAcquireLockException("The account " + householdId + " is busy; try again");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CannotAcquireLockException("Interrupted while waiting for the account " + householdId, e);
        }
        try {
            return work.get();
        }
        finally {
            lock.unlock();
        }
    }
}
