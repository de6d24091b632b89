package org.communitycarbon.support.inbox;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The inbox: one row per (consumer, event id), inserted by the transaction that processes the event. */
public final class ProcessedEvents {

    private final JdbcTemplate jdbc;

    public ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the events as processed by {@code consumer} and returns those that were not already: the
     * ones whose effect the caller must now apply, in the same transaction. One round trip per batch.
     */
    public Set<UUID> claim(String consumer, Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Claim events in the transaction that applies their effect");
        }
        Set<UUID> claimed = new HashSet<>();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO processed_event (consumer, event_id)
                    SELECT ?, id FROM unnest(?::uuid[]) AS id
                    ON CONFLICT DO NOTHING
                    RETURNING event_id""");
            statement.setString(1, consumer);
            statement.setArray(2, connection.createArrayOf("uuid", eventIds.toArray()));
            return statement;
        }, rs -> {
            claimed.add(rs.getObject(1, UUID.class));
        });
        return claimed;
    }
}
