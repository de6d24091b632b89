package org.communitycarbon.model.accounting;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;

/**
 * A reduction the accounting service credited to one household, once: {@code activity} (e.g. 1.25 kg
 * of correctly sorted perishable waste) times the methodology's factor gives {@code reduction} in kg CO2e.
 * {@code sourceEventId} is the event that evidenced the behaviour.
 */
public record CarbonReductionRecorded(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        String householdId,
        ReductionBehaviour behaviour,
        Quantity activity,
        Quantity reduction,
        String methodology,
        UUID sourceEventId) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        Require.identifier(householdId, "householdId");
        Require.present(behaviour, "behaviour");
        Require.present(activity, "activity");
        Require.unit(reduction, "reduction", Unit.KG_CO2E);
        Require.positive(reduction.value(), "reduction.value", new BigDecimal("100000"));
        Require.identifier(methodology, "methodology");
        Require.present(sourceEventId, "sourceEventId");
    }
}
