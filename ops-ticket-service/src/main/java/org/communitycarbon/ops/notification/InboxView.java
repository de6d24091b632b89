package org.communitycarbon.ops.notification;

import java.util.List;

/**
 * A page of the caller's inbox, newest first.
 *
 * @param unread how many of the caller's notifications are unread, on every page
 */
public record InboxView(List<NotificationView> items, int page, int size, long totalItems, int totalPages, long unread) {
}
