package org.communitycarbon.support.outbox;

import java.util.List;

import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.support.messaging.EventCodec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where a service puts the events its transaction causes. Nothing is sent before the transaction commits,
 * and nothing committed is lost.
 */
public final class Outbox {

    private static final String INSERT = "INSERT INTO outbox_message (topic, message_key, payload) VALUES (?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final EventCodec codec;
    private final OutboxRelay relay;

    Outbox(JdbcTemplate jdbc, EventCodec codec, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.relay = relay;
    }

    /** One event to {@code topic} with record key {@code key}, in the current transaction. */
    public void publish(String topic, String key, PlatformEvent event) {
        publishAll(List.of(new Message(topic, key, event)));
    }

    /** Several events in one batched insert, in the current transaction, in this order. */
    public void publishAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("The outbox must be written in the transaction of the change it describes");
        }
        jdbc.batchUpdate(INSERT, messages.stream()
                .map(m -> new Object[] {m.topic(), m.key(), codec.encode(m.event())})
                .toList());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }

    /** An event bound for a topic under a record key. */
    public record Message(String topic, String key, PlatformEvent event) {
    }
}
