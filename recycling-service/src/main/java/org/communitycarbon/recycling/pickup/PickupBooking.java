package org.communitycarbon.recycling.pickup;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A pickup booking as stored. Rows are inserted by {@link PickupBookings} with SQL that settles a race
 * between two requests with the same idempotency key; here they are read.
 */
@Entity
@Table(name = "pickup_booking")
class PickupBooking {

    @Id
    private UUID id;

    @Column(name = "community_id")
    private String communityId;

    @Column(name = "household_id")
    private String householdId;

    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Column(name = "request_hash")
    private String requestHash;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private String[] categories;

    @Column(name = "estimated_weight_kg")
    private BigDecimal estimatedWeightKg;

    private @Nullable String address;

    @Column(name = "preferred_from")
    private @Nullable Instant preferredFrom;

    @Column(name = "preferred_until")
    private @Nullable Instant preferredUntil;

    private @Nullable String note;

    @Enumerated(EnumType.STRING)
    private PickupStatus status;

    @Column(name = "requested_at")
    private Instant requestedAt;

    @Column(name = "dispatch_due_at")
    private Instant dispatchDueAt;

    @Column(name = "arrival_due_at")
    private Instant arrivalDueAt;

    @Column(name = "recycler_id")
    private @Nullable String recyclerId;

    private int sequence;

    @Column(name = "dispatched_at")
    private @Nullable Instant dispatchedAt;

    @Column(name = "accepted_at")
    private @Nullable Instant acceptedAt;

    @Column(name = "departed_at")
    private @Nullable Instant departedAt;

    @Column(name = "collected_at")
    private @Nullable Instant collectedAt;

    @Column(name = "cancelled_at")
    private @Nullable Instant cancelledAt;

    @Column(name = "cancelled_by")
    private @Nullable String cancelledBy;

    @Column(name = "cancel_reason")
    private @Nullable String cancelReason;

    protected PickupBooking() {
    }

    UUID id() {
        return id;
    }

    String communityId() {
        return communityId;
    }

    String householdId() {
        return householdId;
    }

    String idempotencyKey() {
        return idempotencyKey;
    }

    String requestHash() {
        return requestHash;
    }

    List<String> categories() {
        return List.of(categories);
    }

    BigDecimal estimatedWeightKg() {
        return estimatedWeightKg;
    }

    @Nullable String address() {
        return address;
    }

    @Nullable Instant preferredFrom() {
        return preferredFrom;
    }

    @Nullable Instant preferredUntil() {
        return preferredUntil;
    }

    @Nullable String note() {
        return note;
    }

    PickupStatus status() {
        return status;
    }

    Instant requestedAt() {
        return requestedAt;
    }

    Instant dispatchDueAt() {
        return dispatchDueAt;
    }

    Instant arrivalDueAt() {
        return arrivalDueAt;
    }

    @Nullable String recyclerId() {
        return recyclerId;
    }

    int sequence() {
        return sequence;
    }

    @Nullable Instant dispatchedAt() {
        return dispatchedAt;
    }

    @Nullable Instant acceptedAt() {
        return acceptedAt;
    }

    @Nullable Instant departedAt() {
        return departedAt;
    }

    @Nullable Instant collectedAt() {
        return collectedAt;
    }

    @Nullable Instant cancelledAt() {
        return cancelledAt;
    }

    @Nullable String cancelledBy() {
        return cancelledBy;
    }

    @Nullable String cancelReason() {
        return cancelReason;
    }
}
