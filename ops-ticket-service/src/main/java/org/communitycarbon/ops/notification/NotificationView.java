package org.communitycarbon.ops.notification;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A notification as its reader sees it.
 *
 * @param title and {@code body}: English text; {@code kind} and {@code details} let an app word it in its own language
 * @param workOrderId the work order it is about, if any
 * @param readAt when the caller marked it read; null while unread
 */
public record NotificationView(UUID id, NotificationKind kind, String communityId, String title, String body,
        @Nullable UUID workOrderId, Map<String, String> details, Instant createdAt, @Nullable Instant readAt) {
}
