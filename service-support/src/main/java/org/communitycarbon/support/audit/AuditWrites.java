package org.communitycarbon.support.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.communitycarbon.model.audit.ActionAudited;
import org.communitycarbon.model.audit.AuditTopics;
import org.communitycarbon.support.outbox.Outbox;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes audit events into the outbox by group commit: a request's event waits in a queue, and the request whose turn
 * it is writes every event waiting, up to {@value #MAX_BATCH}, in one transaction (one batched insert, one commit)
 * instead of one transaction per request. Each request still returns only once its own event is committed, or with
 * the failure that kept it out, as when each wrote alone. If a batch fails, its events are written one at a time, so
 * one event the database refuses keeps no other out.
 */
final class AuditWrites {

    /** The most events written in one transaction. */
    static final int MAX_BATCH = 256;

    private final Outbox outbox;
    private final TransactionTemplate transactions;
    /** Guards {@link #writing}; a request waits on {@link #batchEnded} while another writes. */
    private final ReentrantLock state = new ReentrantLock();
    private final Condition batchEnded = state.newCondition();
    private boolean writing;
    private final ConcurrentLinkedQueue<Pending> waiting = new ConcurrentLinkedQueue<>();

    AuditWrites(Outbox outbox, TransactionTemplate transactions) {
        this.outbox = outbox;
        this.transactions = transactions;
    }

    /**
     * Writes the event into the outbox, with those of other requests waiting meanwhile.
     *
     * @throws RuntimeException the failure of the transaction that was to write it
     */
    void write(ActionAudited event) {
        Pending mine = new Pending(event);
        waiting.add(mine);
        state.lock();
        try {
            while (!mine.done) {
                if (writing) {
                    batchEnded.awaitUninterruptibly();
                    continue;
                }
                writing = true;
                state.unlock();
                try {
                    writeWaiting();
                }
                finally {
                    state.lock();
                    writing = false;
                    batchEnded.signalAll();
                }
            }
        }
        finally {
            state.unlock();
        }
        RuntimeException failure = mine.failure;
        if (failure != null) {
            throw failure;
        }
    }

    /** One transaction for the events waiting now, ours among them (the queue is first in, first out); one writer at a time. */
    private void writeWaiting() {
        List<Pending> batch = new ArrayList<>();
        Pending next;
        while (batch.size() < MAX_BATCH && (next = waiting.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            publish(batch);
            batch.forEach(pending -> pending.finish(null));
        }
        catch (RuntimeException batchFailed) {
            if (batch.size() == 1) {
                batch.get(0).finish(batchFailed);
                return;
            }
            for (Pending pending : batch) {
                try {
                    publish(List.of(pending));
                    pending.finish(null);
                }
                catch (RuntimeException failed) {
                    pending.finish(failed);
                }
            }
        }
        finally {
            for (Pending pending : batch) {
                if (!pending.done) { // an Error: no request may wait for an answer that will not come
                    pending.finish(new IllegalStateException("The audit batch failed before its events were written"));
                }
            }
        }
    }

    private void publish(List<Pending> batch) {
        transactions.executeWithoutResult(transaction -> outbox.publishAll(batch.stream()
                .map(pending -> new Outbox.Message(AuditTopics.AUDIT, pending.event.communityId(), pending.event))
                .toList()));
    }

    /** An event waiting to be written; done, with or without a failure, once its transaction ended. */
    private static final class Pending {
        final ActionAudited event;
        volatile boolean done;
        volatile @Nullable RuntimeException failure;

        Pending(ActionAudited event) {
            this.event = event;
        }

        void finish(@Nullable RuntimeException failed) {
            failure = failed;
            done = true;
        }
    }
}
