package org.communitycarbon.ops.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the inbox keeps notifications.
 *
 * @param retention notifications older than this are deleted, read or not ({@code OPS_NOTIFICATIONS_RETENTION}, 90 days)
 */
@ConfigurationProperties("ops.notifications")
public record NotificationSettings(@DefaultValue("P90D") Duration retention) {

    public NotificationSettings {
        if (retention.isNegative() || retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("ops.notifications.retention must be at least a day");
        }
    }
}
