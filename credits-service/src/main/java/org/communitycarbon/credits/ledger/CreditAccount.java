package org.communitycarbon.credits.ledger;

import java.io.Serializable;
import java.time.Instant;

import org.hibernate.annotations.Immutable;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A household's balance. Read-only here: it changes only with ledger entries, in {@link Ledger}'s SQL,
 * so the two never disagree.
 */
@Entity
@Immutable
@Table(name = "credit_account")
class CreditAccount {

    @EmbeddedId
    private HouseholdKey id;

    private long balance;

    @Column(name = "earned_total")
    private long earnedTotal;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected CreditAccount() {
    }

    HouseholdKey id() {
        return id;
    }

    long balance() {
        return balance;
    }

    long earnedTotal() {
        return earnedTotal;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    @Embeddable
    record HouseholdKey(@Column(name = "community_id") String communityId,
            @Column(name = "household_id") String householdId) implements Serializable {
    }
}
