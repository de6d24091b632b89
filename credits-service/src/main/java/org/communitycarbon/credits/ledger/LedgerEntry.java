package org.communitycarbon.credits.ledger;

import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.Immutable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One append-only ledger line; the database refuses updates and deletes. */
@Entity
@Immutable
@Table(name = "ledger_entry")
class LedgerEntry {

    @Id
    private UUID id;

    @Column(name = "community_id")
    private String communityId;

    @Column(name = "household_id")
    private String householdId;

    private long amount;

    @Column(name = "balance_after")
    private long balanceAfter;

    @Enumerated(EnumType.STRING)
    private EntryKind kind;

    private String reason;

    @Column(name = "source_event_id")
    private UUID sourceEventId;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    @Column(name = "recorded_at")
    private Instant recordedAt;

    protected LedgerEntry() {
    }

    UUID id() {
        return id;
    }

    long amount() {
        return amount;
    }

    long balanceAfter() {
        return balanceAfter;
    }

    EntryKind kind() {
        return kind;
    }

    String reason() {
        return reason;
    }

    UUID sourceEventId() {
        return sourceEventId;
    }

    Instant occurredAt() {
        return occurredAt;
    }

    Instant recordedAt() {
        return recordedAt;
    }
}
