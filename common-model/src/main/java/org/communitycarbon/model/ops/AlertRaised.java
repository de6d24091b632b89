package org.communitycarbon.model.ops;

import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Require;

/**
 * A condition was detected and work order {@code workOrderId} opened for it, due by {@code deadline}.
 * {@code sourceId} names what is at fault (a bin's device id); {@code observed} is the value that
 * crossed {@code threshold}.
 */
public record AlertRaised(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        AlertType alertType,
        String sourceId,
        Quantity observed,
        Quantity threshold,
        UUID workOrderId,
        Instant deadline) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        Require.present(alertType, "alertType");
        Require.identifier(sourceId, "sourceId");
        Require.present(observed, "observed");
        Require.present(threshold, "threshold");
        Require.present(workOrderId, "workOrderId");
        Require.present(deadline, "deadline");
    }
}
