package org.communitycarbon.support.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends committed outbox rows to Kafka in id order, a batch per round trip, and deletes them once Kafka
 * acknowledged every one (the producer is idempotent, with {@code acks=all}). Rows are locked with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances of a service can relay side by side.
 */
public final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties settings;
    private final Counter relayed;
    private final Semaphore wakeUps = new Semaphore(0);

    private volatile boolean running;
    private @Nullable Thread worker;

    OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transactions, KafkaTemplate<String, byte[]> kafka,
            OutboxProperties settings, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.transactions = transactions;
        this.kafka = kafka;
        this.settings = settings;
        this.relayed = Counter.builder("platform.outbox.relayed")
                .description("Events sent from the outbox to Kafka and acknowledged")
                .register(meters);
    }

    /** Called after a commit that wrote rows, so they go out at once rather than at the next poll. */
    void wakeUp() {
        wakeUps.release();
    }

    /**
     * Sends one batch and returns how many rows it sent. If Kafka does not acknowledge all of them, the
     * transaction rolls back and the rows stay for the next attempt.
     */
    public int relayBatch() {
        Integer sent = transactions.execute(status -> {
            List<Row> rows = jdbc.query(
                    "SELECT id, topic, message_key, payload FROM outbox_message ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED",
                    (rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)),
                    settings.batchSize());
            if (rows.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<SendResult<String, byte[]>>> acknowledgements = new ArrayList<>(rows.size());
            for (Row row : rows) {
                acknowledgements.add(kafka.send(new ProducerRecord<>(row.topic(), row.key(), row.payload())));
            }
            kafka.flush();
            try {
                CompletableFuture.allOf(acknowledgements.toArray(CompletableFuture[]::new))
                        .get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (Exception e) {
                throw new IllegalStateException("Kafka did not acknowledge the outbox batch; it will be sent again", e);
            }
            named.update("DELETE FROM outbox_message WHERE id IN (:ids)",
                    new MapSqlParameterSource("ids", rows.stream().map(Row::id).toList()));
            return rows.size();
        });
        int count = sent == null ? 0 : sent;
        relayed.increment(count);
        return count;
    }

    private void loop() {
        while (running) {
            int sent;
            try {
                sent = relayBatch();
            }
            catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Outbox relay failed, retrying in {}: {}", settings.retryInterval(), e.getMessage());
                pause(settings.retryInterval().toMillis());
                continue;
            }
            if (sent < settings.batchSize()) {
                pause(settings.pollInterval().toMillis());
            }
        }
    }

    private void pause(long millis) {
        try {
            wakeUps.tryAcquire(millis, TimeUnit.MILLISECONDS);
            wakeUps.drainPermits();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
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

    private record Row(long id, String topic, String key, byte[] payload) {
    }
}
