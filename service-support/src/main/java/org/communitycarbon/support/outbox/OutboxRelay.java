package org.communitycarbon.support.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.communitycarbon.model.Require;
import org.communitycarbon.support.persistence.SqlArrays;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends committed outbox rows to Kafka in id order and deletes each once Kafka acknowledged it (the producer
 * is idempotent, with {@code acks=all}).
 * <ul>
 * <li><b>No transaction is held while Kafka is awaited.</b> A round reads a batch, sends it, waits for the
 * acknowledgements, then deletes what was acknowledged in a short statement of its own.</li>
 * <li><b>No head-of-line blocking.</b> A row Kafka refuses while it takes the rows around it (too large for
 * the topic, say) counts an attempt and, after {@code maxAttempts}, moves to {@code outbox_dead} with the
 * reason; the rows behind it go on. When Kafka takes nothing, it is an outage: nothing is counted and the
 * round is retried after a pause.</li>
 * <li><b>One relay per service at a time, in order.</b> The instance holding the lease in
 * {@code outbox_lease} relays; it renews the lease every round, and another instance takes over once it
 * expires. So one key's events leave in the order they were written, whatever the number of instances.</li>
 * <li><b>It keeps running.</b> Every failure, {@link Error}s included, is logged and retried after a pause; the
 * health contributor reports a relay that has not completed a round for a while, and the rows waiting.</li>
 * </ul>
 */
public final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties settings;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    private final Counter relayed;
    private final Counter deadLettered;
    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicReference<Instant> lastRound;
    private final AtomicReference<@Nullable String> lastFailure = new AtomicReference<>();

    /** When the latest round started ({@link System#nanoTime()}). */
    private long roundStarted = System.nanoTime() - Duration.ofDays(1).toNanos();
    private volatile boolean running;
    private volatile boolean leader;
    private @Nullable Thread worker;

    OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transactions, KafkaTemplate<String, byte[]> kafka,
            OutboxProperties settings, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.settings = settings;
        this.clock = clock;
        this.lastRound = new AtomicReference<>(clock.instant());
        this.relayed = Counter.builder("platform.outbox.relayed")
                .description("Events sent from the outbox to Kafka and acknowledged")
                .register(meters);
        this.deadLettered = Counter.builder("platform.outbox.dead")
                .description("Outbox rows Kafka kept refusing, moved to outbox_dead")
                .register(meters);
        Gauge.builder("platform.outbox.waiting", waiting, AtomicLong::get)
                .description("Outbox rows read in the relay's last round (up to a batch): rows waiting to be sent")
                .register(meters);
    }

    /** Called after a commit that wrote rows, so they go out at once rather than at the next poll. */
    void wakeUp() {
        wakeUps.release();
    }

    /**
     * One round: renew the lease, send a batch, delete what Kafka acknowledged. Returns how many rows were
     * acknowledged; 0 when this instance does not hold the lease.
     */
    public int relayBatch() {
        leader = renewLease();
        if (!leader) {
            waiting.set(0);
            return 0;
        }
        List<Row> rows = jdbc.query(
                "SELECT id, topic, message_key, payload, attempts FROM outbox_message ORDER BY id LIMIT ?",
                (rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getInt(5)),
                settings.batchSize());
        waiting.set(rows.size());
        if (rows.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<?>> sends = new ArrayList<>(rows.size());
        for (Row row : rows) {
            sends.add(send(row));
        }
        kafka.flush();
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        List<Long> acknowledged = new ArrayList<>(rows.size());
        List<Failed> refused = new ArrayList<>();
        boolean outage = false;
        for (int i = 0; i < rows.size(); i++) {
            Throwable failure = outcome(sends.get(i), deadline);
            if (failure == null) {
                acknowledged.add(rows.get(i).id());
            }
            else {
                outage |= failure instanceof RetriableException || failure instanceof java.util.concurrent.TimeoutException;
                refused.add(new Failed(rows.get(i), failure));
            }
        }
        if (!acknowledged.isEmpty()) {
            jdbc.update(connection -> SqlArrays.statement(connection, "DELETE FROM outbox_message WHERE id = ANY(?)",
                    SqlArrays.bigints(acknowledged)));
            relayed.increment(acknowledged.size());
        }
        if (!refused.isEmpty()) {
            refused(refused, acknowledged.isEmpty() && outage);
        }
        return acknowledged.size();
    }

    private CompletableFuture<?> send(Row row) {
        try {
            return kafka.send(new ProducerRecord<>(row.topic(), row.key(), row.payload()));
        }
        catch (RuntimeException e) {
            // Refused before it was queued: too large, serialization, an interrupted wait for metadata.
            return CompletableFuture.failedFuture(e);
        }
    }

    private static @Nullable Throwable outcome(CompletableFuture<?> send, long deadline) {
        try {
            send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
        catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            while (cause instanceof org.springframework.kafka.KafkaException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            return cause;
        }
        catch (java.util.concurrent.TimeoutException e) {
            return e;
        }
    }

    /**
     * Rows Kafka did not take. In an outage (nothing taken, for reasons that pass) nothing is counted; otherwise
     * each refused row counts an attempt and moves to {@code outbox_dead} after the last one.
     */
    private void refused(List<Failed> refused, boolean outage) {
        String first = Require.abbreviate(String.valueOf(refused.get(0).failure()), 300);
        if (outage) {
            throw new IllegalStateException("Kafka took none of " + refused.size() + " outbox rows: " + first);
        }
        transactions.executeWithoutResult(status -> {
            for (Failed failed : refused) {
                String reason = Require.abbreviate(String.valueOf(failed.failure()), 500);
                if (failed.row().attempts() + 1 >= settings.maxAttempts()) {
                    jdbc.update("""
                            INSERT INTO outbox_dead (id, topic, message_key, payload, created_at, reason)
                            SELECT id, topic, message_key, payload, created_at, ? FROM outbox_message WHERE id = ?""",
                            reason, failed.row().id());
                    jdbc.update("DELETE FROM outbox_message WHERE id = ?", failed.row().id());
                    deadLettered.increment();
                    log.error("Outbox row {} for {} moved to outbox_dead after {} attempts: {}", failed.row().id(),
                            failed.row().topic(), settings.maxAttempts(), reason);
                }
                else {
                    jdbc.update("UPDATE outbox_message SET attempts = attempts + 1, last_error = ? WHERE id = ?", reason,
                            failed.row().id());
                }
            }
        });
        log.warn("Kafka refused {} outbox rows; the rest went out: {}", refused.size(), first);
    }

    private boolean renewLease() {
        return jdbc.update("""
                UPDATE outbox_lease SET owner = ?, expires_at = now() + make_interval(secs => ?)
                WHERE id = 1 AND (owner = ? OR expires_at < now())""",
                owner, (double) settings.lease().toMillis() / 1000, owner) == 1;
    }

    private void releaseLease() {
        try {
            jdbc.update("UPDATE outbox_lease SET expires_at = '-infinity' WHERE id = 1 AND owner = ?", owner);
        }
        catch (RuntimeException e) {
            log.debug("Outbox lease not released: {}", e.getMessage());
        }
    }

    private void loop() {
        while (running) {
            try {
                roundStarted = System.nanoTime();
                int sent = relayBatch();
                lastRound.set(clock.instant());
                lastFailure.set(null);
                if (sent < settings.batchSize()) {
                    pause(leader ? settings.pollInterval() : settings.lease().dividedBy(4));
                }
            }
            catch (Throwable e) { // NOPMD: Errors too; the relay must outlive any one round
                if (!running) {
                    return;
                }
                String message = Require.abbreviate(String.valueOf(e.getMessage()), 300);
                lastFailure.set(e.getClass().getSimpleName() + ": " + message);
                log.warn("Outbox relay round failed, retrying in {}: {}", settings.retryInterval(), message);
                pause(settings.retryInterval());
            }
        }
    }

    private void pause(Duration duration) {
        try {
            if (wakeUps.tryAcquire(duration.toMillis(), TimeUnit.MILLISECONDS) && running) {
                // woken by a commit: no sooner than roundSpacing after the last round began, so the commits of that
                // moment go out together
                long early = settings.roundSpacing().toNanos() - (System.nanoTime() - roundStarted);
                if (early > 0) {
                    TimeUnit.NANOSECONDS.sleep(early);
                }
            }
            wakeUps.drainPermits();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** The relay's state for the health endpoint. */
    public Status status() {
        return new Status(leader, lastRound.get(), lastFailure.get(), waiting.get());
    }

    /**
     * @param leader whether this instance holds the lease and relays
     * @param lastRound when a round last completed (with or without rows)
     * @param lastFailure the failure of the latest round, if it failed
     * @param waiting rows read in the last round
     */
    public record Status(boolean leader, Instant lastRound, @Nullable String lastFailure, long waiting) {
    }

    @Override
    public void start() {
        running = true;
        Thread thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = worker;
        if (thread != null) {
            wakeUps.release();
            try {
                thread.join(settings.sendTimeout().toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (leader) {
            releaseLease();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the Kafka producer and the connection pool, starts after them. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    private record Row(long id, String topic, String key, byte[] payload, int attempts) {
    }

    private record Failed(Row row, Throwable failure) {
    }
}
