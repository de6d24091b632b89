package org.communitycarbon.recycling.pickup;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.recycling.Settlement;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
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

    @Enumerated(EnumType.STRING)
    @Column(name = "settlement_preference")
    private @Nullable Settlement settlementPreference;

    @Enumerated(EnumType.STRING)
    private @Nullable Settlement settlement;

    @Column(name = "price_version")
    private @Nullable Integer priceVersion;

    @Column(name = "weighed_kg")
    private @Nullable BigDecimal weighedKg;

    @Column(name = "amount_cny")
    private @Nullable BigDecimal amountCny;

    private @Nullable Long credits;

    @Column(name = "settled_at")
    private @Nullable Instant settledAt;

    private @Nullable Integer rating;

    @Column(name = "rating_comment")
    private @Nullable String ratingComment;

    @Column(name = "rated_at")
    private @Nullable Instant ratedAt;

    /** Written once, with the collection; read for every booking shown, in batches. */
    @ElementCollection
    @CollectionTable(name = "pickup_item", joinColumns = @JoinColumn(name = "pickup_id"))
    @OrderBy("category")
    @BatchSize(size = 200)
    private List<PickupItem> items = new ArrayList<>();

    /** Written by {@link ScaleWeighings}, never through this entity; read for every booking shown, in batches. */
    @ElementCollection
    @CollectionTable(name = "scale_weighing", joinColumns = @JoinColumn(name = "pickup_id"))
    @OrderBy("measuredAt, weighingId")
    @BatchSize(size = 200)
    private List<ScaleWeighingEntry> scaleWeighings = new ArrayList<>();

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

    @Nullable Settlement settlementPreference() {
        return settlementPreference;
    }

    @Nullable Settlement settlement() {
        return settlement;
    }

    @Nullable Integer priceVersion() {
        return priceVersion;
    }

    @Nullable BigDecimal weighedKg() {
        return weighedKg;
    }

    @Nullable BigDecimal amountCny() {
        return amountCny;
    }

    @Nullable Long credits() {
        return credits;
    }

    @Nullable Instant settledAt() {
        return settledAt;
    }

    @Nullable Integer rating() {
        return rating;
    }

    @Nullable String ratingComment() {
        return ratingComment;
    }

    @Nullable Instant ratedAt() {
        return ratedAt;
    }

    List<WeighedItemView> items() {
        return items.stream().map(PickupItem::view).toList();
    }

    List<ScaleWeighingView> scaleWeighings() {
        return scaleWeighings.stream().map(ScaleWeighingEntry::view).toList();
    }
}
