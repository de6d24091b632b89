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
 * <b>Strict writer, tolerant reader.</b> Constructing an event checks nothing, so a reader can take in any
 * event a producer ever wrote — an older schema version, a value a later rule would refuse — and checks
 * only the fields it uses. A producer calls {@link #validate()} before it publishes (the platform's codec
 * does it for every event it encodes), so what goes on the wire meets today's contract.
 */
public interface PlatformEvent {

    UUID eventId();

    int schemaVersion();

    String communityId();

    Instant occurredAt();

    /**
     * Checks the event against the current contract, as its producer must before publishing it.
     *
     * @throws ContractViolation naming the first field at fault
     */
    void validate();
}
