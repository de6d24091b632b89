package org.communitycarbon.accounting.reduction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.Immutable;
import org.jspecify.annotations.Nullable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A recorded reduction, read-only: written once by {@link ReductionRecorder}. */
@Entity
@Immutable
@Table(name = "carbon_reduction")
class CarbonReduction {

    @Id
    private UUID id;

    @Column(name = "community_id")
    private String communityId;

    @Column(name = "household_id")
    private String householdId;

    private String behaviour;

    @Column(name = "activity_value")
    private BigDecimal activityValue;

    @Column(name = "activity_unit")
    private String activityUnit;

    @Column(name = "reduction_kg_co2e")
    private BigDecimal reductionKgCo2e;

    private String methodology;

    private BigDecimal factor;

    @Column(name = "factor_id")
    private long factorId;

    @Column(name = "source_event_id")
    private UUID sourceEventId;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    /** The household member whose behaviour it was (their pseudonym, {@link Persons}); null when no person is named. */
    @Column(name = "person_ref")
    private @Nullable UUID personRef;

    protected CarbonReduction() {
    }

    UUID id() {
        return id;
    }

    String behaviour() {
        return behaviour;
    }

    BigDecimal activityValue() {
        return activityValue;
    }

    String activityUnit() {
        return activityUnit;
    }

    BigDecimal reductionKgCo2e() {
        return reductionKgCo2e;
    }

    String methodology() {
        return methodology;
    }

    BigDecimal factor() {
        return factor;
    }

    long factorId() {
        return factorId;
    }

    UUID sourceEventId() {
        return sourceEventId;
    }

    Instant occurredAt() {
        return occurredAt;
    }

    @Nullable UUID personRef() {
        return personRef;
    }
}
