package org.communitycarbon.ops.notification;

/** What a notification is about; its {@code details} depend on it (docs/operations.md, notifications). */
public enum NotificationKind {
    /** A work order went up to the audience's level: {@code workOrderId}, {@code level}, {@code missedDeadline}, {@code levelDeadline}. */
    WORK_ORDER_ESCALATED,
    /** A household's drop was wrongly sorted: {@code binKind}, {@code deviceId}, {@code observedAt}, {@code guidance}. */
    SORTING_GUIDANCE,
    /** A resident's report (Open311 service request) moved on: {@code serviceRequestId}, {@code status}. */
    REPORT_UPDATED
}
