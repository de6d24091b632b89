package org.communitycarbon.model.accounting;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;
import org.jspecify.annotations.Nullable;

/**
 * A reduction the accounting service credited to one household, once: {@code activity} (e.g. 1.25 kg
 * of correctly sorted perishable waste) times the methodology's factor gives {@code reduction} in kg CO2e.
 * {@code sourceEventId} is the event that evidenced the behaviour.
 *
 * @param methodologyVersion the version of {@code methodology} whose published factor was applied; absent in
 *        events recorded before methodologies had versions
 * @param personRef the member of the household whose behaviour it was, as an opaque, stable pseudonym (a random UUID per
 *        resident, never their account's subject); absent when the evidence names no person (a bin drop, a pickup, saved
 *        electricity) and in events written before persons were recorded. Added without a new schema version: readers
 *        that do not know it ignore it, and the household stays the one credited
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
        @Nullable Integer methodologyVersion,
        UUID sourceEventId,
        @Nullable String personRef) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /**
     * The reserved account of a community itself, written where a household id would be: the accounting service records
     * the community's own reductions ({@link ReductionBehaviour#PV_GENERATION}) under it and never publishes them, and
     * the credits service's ledger pays forfeited tool deposits into it. It is not an identifier an event may carry (the
     * leading {@code ~} fails {@link Require#IDENTIFIER_PATTERN}), so no household can be named so and a reduction of
     * it fails {@link #validate()}. Both services take it from here, so they always name the same account.
     */
    public static final String COMMUNITY_ACCOUNT = "~community";

    /** A reduction without the methodology's version, as recorded before methodologies had versions. */
    public CarbonReductionRecorded(UUID eventId, int schemaVersion, String communityId, Instant occurredAt, String householdId,
            ReductionBehaviour behaviour, Quantity activity, Quantity reduction, String methodology, UUID sourceEventId) {
        this(eventId, schemaVersion, communityId, occurredAt, householdId, behaviour, activity, reduction, methodology, null,
                sourceEventId, null);
    }

    /** A reduction of the household that names no person. */
    public CarbonReductionRecorded(UUID eventId, int schemaVersion, String communityId, Instant occurredAt, String householdId,
            ReductionBehaviour behaviour, Quantity activity, Quantity reduction, String methodology,
            @Nullable Integer methodologyVersion, UUID sourceEventId) {
        this(eventId, schemaVersion, communityId, occurredAt, householdId, behaviour, activity, reduction, methodology,
                methodologyVersion, sourceEventId, null);
    }

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        Require.identifier(householdId, "householdId");
        Require.present(behaviour, "behaviour");
        Require.present(activity, "activity");
        Require.unit(reduction, "reduction", Unit.KG_CO2E);
        Require.positive(reduction.value(), "reduction.value", new BigDecimal("100000"));
        Require.identifier(methodology, "methodology");
        if (methodologyVersion != null && (methodologyVersion < 1 || methodologyVersion > 100000)) {
            throw new ContractViolation("methodologyVersion", "must be between 1 and 100000, was " + methodologyVersion);
        }
        Require.present(sourceEventId, "sourceEventId");
        Require.optionalIdentifier(personRef, "personRef");
        if (behaviour == ReductionBehaviour.PV_GENERATION) {
            throw new ContractViolation("behaviour", "PV_GENERATION is a community's reduction, not a household's: never published");
        }
    }
}
