package org.communitycarbon.ops.notification;

/** What a notification is about; its {@code details} depend on it (docs/operations.md, notifications). */
public enum NotificationKind {
    /** A work order went up to the audience's level: {@code workOrderId}, {@code level}, {@code missedDeadline}, {@code levelDeadline}. */
    WORK_ORDER_ESCALATED,
    /**
     * A household's drop was recognised as another kind than its bin's (sorting): {@code depositEventId}, {@code deviceId},
     * {@code observedAt}, {@code binKind} and {@code correctKind} (the waste kinds' names) with their Chinese and English
     * names ({@code binKindZh}, {@code binKindEn}, {@code correctKindZh}, {@code correctKindEn}), and {@code guidance}.
     */
    SORTING_GUIDANCE,
    /** A resident's report (Open311 service request) moved on: {@code serviceRequestId}, {@code status}. */
    REPORT_UPDATED,
    /**
     * A shared tool the household picked up is not back (recycling.tool-reminders): {@code bookingId}, {@code toolId},
     * {@code toolName}, {@code dueAt}, {@code day}, {@code daysOverdue}.
     */
    TOOL_OVERDUE
}
