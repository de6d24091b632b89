package org.communitycarbon.ops.workorder;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.jspecify.annotations.Nullable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A problem to handle by a deadline, owned by the community's property team. Orders are opened in SQL by
 * {@link WorkOrders} (one statement that the database's one-active-order-per-source index guards) and
 * change state here, under optimistic locking.
 */
@Entity
@Table(name = "work_order")
class WorkOrder {

    @Id
    private UUID id;

    @Column(name = "community_id")
    private String communityId;

    @Enumerated(EnumType.STRING)
    private WorkOrderType type;

    @Column(name = "source_id")
    private String sourceId;

    private String title;

    private BigDecimal observed;

    private BigDecimal threshold;

    @Enumerated(EnumType.STRING)
    private Unit unit;

    @Enumerated(EnumType.STRING)
    private WorkOrderStatus status;

    private String owner;

    @Column(name = "opened_at")
    private Instant openedAt;

    private Instant deadline;

    @Column(name = "resolved_at")
    private @Nullable Instant resolvedAt;

    @Column(name = "resolved_by")
    private @Nullable String resolvedBy;

    @Column(name = "resolution_note")
    private @Nullable String resolutionNote;

    /** JSON, written when the order opens ({@link WorkOrderDetails}); never changed here. */
    @Column(name = "details", columnDefinition = "jsonb", insertable = false, updatable = false)
    private @Nullable String details;

    @Version
    private long version;

    protected WorkOrder() {
    }

    /**
     * Resolves the order by {@code subject} at {@code at}. An order already resolved stays as it is, so a
     * repeated request changes nothing; returns whether this call resolved it.
     */
    boolean resolve(String subject, String note, Instant at) {
        if (status == WorkOrderStatus.RESOLVED) {
            return false;
        }
        status = WorkOrderStatus.RESOLVED;
        resolvedAt = at;
        resolvedBy = subject;
        resolutionNote = note;
        return true;
    }

    /** The deadline has passed while the order is active, or it was resolved after its deadline. */
    boolean isOverdue(Instant now) {
        return overdue(deadline, resolvedAt, now);
    }

    static boolean overdue(Instant deadline, @Nullable Instant resolvedAt, Instant now) {
        return resolvedAt == null ? now.isAfter(deadline) : resolvedAt.isAfter(deadline);
    }

    UUID id() {
        return id;
    }

    String communityId() {
        return communityId;
    }

    WorkOrderType type() {
        return type;
    }

    String sourceId() {
        return sourceId;
    }

    String title() {
        return title;
    }

    Quantity observed() {
        return Quantity.of(observed, unit);
    }

    Quantity threshold() {
        return Quantity.of(threshold, unit);
    }

    WorkOrderStatus status() {
        return status;
    }

    String owner() {
        return owner;
    }

    Instant openedAt() {
        return openedAt;
    }

    Instant deadline() {
        return deadline;
    }

    @Nullable Instant resolvedAt() {
        return resolvedAt;
    }

    @Nullable String resolvedBy() {
        return resolvedBy;
    }

    @Nullable String resolutionNote() {
        return resolutionNote;
    }

    /** What the order's type adds, e.g. a late pickup's id and recycler; empty for none. */
    Map<String, String> details() {
        return WorkOrderDetails.fromJson(details);
    }

    long version() {
        return version;
    }
}
