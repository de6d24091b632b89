package org.communitycarbon.ops.workorder;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.ops.EscalationLevel;
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

    private @Nullable String assignee;

    @Column(name = "resolution_photos")
    private String[] resolutionPhotos = new String[0];

    @Column(name = "closed_at")
    private @Nullable Instant closedAt;

    @Column(name = "closed_by")
    private @Nullable String closedBy;

    @Column(name = "closing_note")
    private @Nullable String closingNote;

    /** Who answers for it now; changed only by {@link Escalations}, in SQL. */
    @Enumerated(EnumType.STRING)
    @Column(name = "escalation_level", insertable = false, updatable = false)
    private EscalationLevel escalationLevel = EscalationLevel.PROPERTY_COMPANY;

    @Column(name = "escalated_at", insertable = false, updatable = false)
    private @Nullable Instant escalatedAt;

    @Column(name = "level_deadline", insertable = false, updatable = false)
    private @Nullable Instant levelDeadline;

    /** JSON, written when the order opens ({@link WorkOrderDetails}); never changed here. */
    @Column(name = "details", columnDefinition = "jsonb", insertable = false, updatable = false)
    private @Nullable String details;

    @Version
    private long version;

    protected WorkOrder() {
    }

    /** What can be done to an order, for the answer to an impossible one. */
    enum Action {
        ASSIGN, TAKE, START, RESOLVE, CLOSE, REOPEN;

        String verb() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One change of state, as the trail keeps it and {@code WorkOrderChanged} announces it. */
    record Change(WorkOrderStatus from, WorkOrderStatus to, String actor, Instant at, @Nullable String assignee,
            @Nullable String note, List<String> photos) {

        Change {
            photos = List.copyOf(photos);
        }
    }

    /** An action the order's state does not allow; names the actions it does. */
    static final class IllegalTransition extends RuntimeException {

        IllegalTransition(String message) {
            super(message);
        }
    }

    /** The actions each state allows. */
    static Set<Action> allowed(WorkOrderStatus status) {
        return switch (status) {
            case OPEN -> EnumSet.of(Action.ASSIGN, Action.TAKE, Action.RESOLVE);
            case ASSIGNED -> EnumSet.of(Action.ASSIGN, Action.START, Action.RESOLVE);
            case IN_PROGRESS -> EnumSet.of(Action.ASSIGN, Action.RESOLVE);
            case RESOLVED -> EnumSet.of(Action.CLOSE, Action.REOPEN);
            case CLOSED -> EnumSet.of(Action.REOPEN);
        };
    }

    private void require(Action action) {
        if (!allowed(status).contains(action)) {
            throw new IllegalTransition("Work order " + id + " is " + status + " and cannot be " + past(action)
                    + "; allowed now: " + allowed(status).stream().map(Action::verb).toList());
        }
    }

    private static String past(Action action) {
        return switch (action) {
            case ASSIGN -> "assigned";
            case TAKE -> "taken";
            case START -> "started";
            case RESOLVE -> "resolved";
            case CLOSE -> "closed";
            case REOPEN -> "reopened";
        };
    }

    private Change move(WorkOrderStatus to, String actor, Instant at, @Nullable String note, List<String> photos) {
        Change change = new Change(status, to, actor, at, assignee, note, photos);
        status = to;
        return change;
    }

    /** Gives the order to a staff member (their token subject) or a team; from an active state. */
    Change assign(String actor, String to, Instant at) {
        require(Action.ASSIGN);
        assignee = to;
        return move(WorkOrderStatus.ASSIGNED, actor, at, null, List.of());
    }

    /** The caller assigns an open order to themselves. */
    Change take(String actor, Instant at) {
        require(Action.TAKE);
        assignee = actor;
        return move(WorkOrderStatus.ASSIGNED, actor, at, null, List.of());
    }

    /** The assignee starts working on it. */
    Change start(String actor, Instant at) {
        require(Action.START);
        return move(WorkOrderStatus.IN_PROGRESS, actor, at, null, List.of());
    }

    /**
     * Resolves the order by {@code subject} at {@code at}, from any active state. An order already resolved or
     * closed stays as it is, so a repeated request changes nothing: then there is no change.
     */
    Optional<Change> resolve(String subject, String note, List<String> photos, Instant at) {
        if (status == WorkOrderStatus.RESOLVED || status == WorkOrderStatus.CLOSED) {
            return Optional.empty();
        }
        require(Action.RESOLVE);
        resolvedAt = at;
        resolvedBy = subject;
        resolutionNote = note;
        resolutionPhotos = photos.toArray(String[]::new);
        return Optional.of(move(WorkOrderStatus.RESOLVED, subject, at, note, photos));
    }

    /** Closes a resolved order: verified by {@code actor}, or confirmed by the platform. */
    Change close(String actor, @Nullable String note, Instant at) {
        require(Action.CLOSE);
        closedAt = at;
        closedBy = actor;
        closingNote = note;
        return move(WorkOrderStatus.CLOSED, actor, at, note, List.of());
    }

    /**
     * Reopens a resolved or closed order with a reason: back to {@link WorkOrderStatus#ASSIGNED} when it has an
     * assignee, else {@link WorkOrderStatus#OPEN}. The resolution and closing are cleared; the trail keeps them.
     */
    Change reopen(String actor, String reason, Instant at) {
        require(Action.REOPEN);
        resolvedAt = null;
        resolvedBy = null;
        resolutionNote = null;
        resolutionPhotos = new String[0];
        closedAt = null;
        closedBy = null;
        closingNote = null;
        return move(assignee == null ? WorkOrderStatus.OPEN : WorkOrderStatus.ASSIGNED, actor, at, reason, List.of());
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

    @Nullable String assignee() {
        return assignee;
    }

    List<String> resolutionPhotos() {
        return List.of(resolutionPhotos);
    }

    @Nullable Instant closedAt() {
        return closedAt;
    }

    @Nullable String closedBy() {
        return closedBy;
    }

    @Nullable String closingNote() {
        return closingNote;
    }

    EscalationLevel escalationLevel() {
        return escalationLevel;
    }

    @Nullable Instant escalatedAt() {
        return escalatedAt;
    }

    /** The deadline of the level that answers for the order now: its own deadline at the property company. */
    Instant levelDeadline() {
        return levelDeadline == null ? deadline : levelDeadline;
    }

    /** What the order's type adds, e.g. a late pickup's id and recycler; empty for none. */
    Map<String, String> details() {
        return WorkOrderDetails.fromJson(details);
    }

    long version() {
        return version;
    }
}
