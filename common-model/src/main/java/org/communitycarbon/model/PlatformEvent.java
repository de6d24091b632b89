package org.communitycarbon.model;

import java.time.Instant;
import java.util.UUID;

/**
 * What every event on a topic carries besides its payload.
 * <ul>
 * <li>{@code eventId}: stable for the same fact, so a consumer that sees it twice counts it once;</li>
 * <li>{@code schemaVersion}: the version of the record's shape, raised only by compatible additions
 * until a new topic is needed;</li>
 * <li>{@code communityId}: the community the fact belongs to, the unit of access and of partitioning;</li>
 * <li>{@code occurredAt}: when it happened in the world (a device's own timestamp for readings), not when
 * it was processed.</li>
 * </ul>
 */
public interface PlatformEvent {

    UUID eventId();

    int schemaVersion();

    String communityId();

    Instant occurredAt();
}
