package org.communitycarbon.accounting.reduction;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.communitycarbon.accounting.methodology.Factor;
import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.accounting.methodology.FactorKind;
import org.communitycarbon.accounting.rollup.Rollups;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.accounting.AccountingTopics;
import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.communitycarbon.model.recycling.PickupSettled;
import org.communitycarbon.model.sensing.WasteDeposited;
import org.communitycarbon.support.inbox.ProcessedEvents;
import org.communitycarbon.support.outbox.Outbox;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Stores deposits and records the reductions they evidence; records the recycled goods of pickup settlements (naming
 * the resident who booked the pickup, when the settlement does), the
 * electricity households saved, the green trips partners reported (each naming the resident, {@code person_ref}) and
 * communities' PV generation (the community's own account, not published). The
 * deposit insert reports which deposits are new, and settlements are claimed in the inbox; only new ones can cause a
 * reduction, so an event delivered twice is credited once. Reductions and
 * their {@link CarbonReductionRecorded} events are written in the same transaction (outbox), and so are the daily
 * rollups of reductions ({@link Rollups}). Each reduction
 * records the published factor it used (the version in force for its community on its local day), so a factor
 * published later never changes it.
 */
@Service
public class ReductionRecorder {

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final FactorCatalog factors;
    private final Rollups rollups;
    private final Counter reductions;
    private final ProcessedEvents processed;
    private final Persons persons;

    /** The inbox consumer that claims pickup settlements. */
    static final String SETTLEMENTS = "accounting.pickup-settlements";

    ReductionRecorder(JdbcTemplate jdbc, Outbox outbox, FactorCatalog factors, Rollups rollups, ProcessedEvents processed,
            Persons persons, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.persons = persons;
        this.processed = processed;
        this.outbox = outbox;
        this.factors = factors;
        this.rollups = rollups;
        this.reductions = Counter.builder("accounting.reductions").description("Carbon reductions recorded")
                .baseUnit("kgCO2e").register(meters);
    }

    /** Returns the reductions recorded for the new deposits of the batch. */
    @Transactional
    public List<CarbonReductionRecorded> recordDeposits(List<WasteDeposited> deposits) {
        if (deposits.isEmpty()) {
            return List.of();
        }
        Set<UUID> fresh = new HashSet<>();
        jdbc.query((Connection connection) -> insertDeposits(connection, deposits),
                rs -> {
                    fresh.add(rs.getObject(1, UUID.class));
                });
        List<CarbonReductionRecorded> recorded = new ArrayList<>();
        List<Factor> used = new ArrayList<>();
        for (WasteDeposited deposit : deposits) {
            if (!fresh.remove(deposit.eventId()) || !ReductionRule.qualifies(deposit)) {
                continue;
            }
            // a methodology without a sorted-waste factor credits none
            Optional<ReductionRule.Outcome> outcome = factors.behaviourFactor(deposit.communityId(),
                    FactorKind.SORTED_PERISHABLE_WASTE, "", deposit.occurredAt()).flatMap(f -> ReductionRule.forDeposit(deposit, f));
            outcome.ifPresent(o -> {
                used.add(o.factor());
                recorded.add(new CarbonReductionRecorded(
                        EventIds.derived(deposit.eventId(), "carbon-reduction"), CarbonReductionRecorded.SCHEMA_VERSION,
                        deposit.communityId(), deposit.occurredAt(), deposit.householdId(),
                        ReductionBehaviour.SORTED_PERISHABLE_WASTE, deposit.weight(), Quantity.of(o.kgCo2e(), Unit.KG_CO2E),
                        o.factor().methodologyId(), o.factor().version(), deposit.eventId()));
            });
        }
        store(recorded, used);
        return recorded;
    }

    /**
     * Records one {@code RECYCLED_GOODS} reduction per settlement not seen before: its total weight × the recycled-goods
     * factor of the community's methodology version on the day of the collection, for the household paid, whether it
     * was paid in cash or in credits (the goods avoided the same CO2e). A methodology without a recycled-goods factor,
     * or a weight too small to make a gram, records none. The settlements' event ids are claimed in the inbox in this
     * transaction, and a reduction is unique per source event, so a settlement delivered again adds nothing.
     *
     * <p>A settlement that names its booker ({@code bookedBy}: the resident who booked the pickup, from their token, for
     * their own household) is that member's: the reduction names the booker's pseudonym ({@link Persons}, made in this
     * transaction when they have none), still in the household's sums. One without a booker stays the household's.
     */
    @Transactional
    public List<CarbonReductionRecorded> recordSettlements(List<PickupSettled> settlements) {
        Set<UUID> fresh = processed.claim(SETTLEMENTS, settlements.stream().map(PickupSettled::eventId).toList());
        Map<String, UUID> bookers = persons.of(settlements.stream().filter(s -> fresh.contains(s.eventId()))
                .map(PickupSettled::bookedBy).filter(Objects::nonNull).collect(Collectors.toSet()));
        List<CarbonReductionRecorded> recorded = new ArrayList<>();
        List<Factor> used = new ArrayList<>();
        for (PickupSettled settlement : settlements) {
            if (!fresh.remove(settlement.eventId())) {
                continue;
            }
            UUID booker = settlement.bookedBy() == null ? null : bookers.get(settlement.bookedBy());
            BigDecimal kg = settlement.totalWeight().value().setScale(3, RoundingMode.HALF_UP);
            factors.behaviourFactor(settlement.communityId(), FactorKind.RECYCLED_GOODS, "", settlement.occurredAt())
                    .ifPresent(factor -> {
                        BigDecimal kgCo2e = factor.apply(kg);
                        if (kgCo2e.signum() > 0) {
                            used.add(factor);
                            recorded.add(new CarbonReductionRecorded(EventIds.derived(settlement.eventId(), "carbon-reduction"),
                                    CarbonReductionRecorded.SCHEMA_VERSION, settlement.communityId(), settlement.occurredAt(),
                                    settlement.householdId(), ReductionBehaviour.RECYCLED_GOODS, Quantity.of(kg, Unit.KG),
                                    Quantity.of(kgCo2e, Unit.KG_CO2E), factor.methodologyId(), factor.version(), settlement.eventId(),
                                    booker == null ? null : booker.toString()));
                        }
                    });
        }
        store(recorded, used);
        return recorded;
    }

    /**
     * A household's electricity saved in a local month against its baseline, as the monthly settlement judged it.
     *
     * @param settlementId the settlement of the household-month: the reduction's source
     * @param occurredAt the end of the month
     * @param kwh saved, to the Wh
     * @param factor the {@code ELECTRICITY_SAVING} factor of the community's methodology version at the month's end
     */
    public record Saving(UUID settlementId, String communityId, String householdId, Instant occurredAt, BigDecimal kwh, Factor factor) {
    }

    /**
     * Records an {@code ELECTRICITY_SAVING} reduction per saving — kWh × the factor, to the gram — in the settlement's
     * transaction, with the rollups and the outbox as every reduction; its id derives from the settlement's.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<CarbonReductionRecorded> recordSavings(List<Saving> savings) {
        List<CarbonReductionRecorded> recorded = new ArrayList<>();
        List<Factor> used = new ArrayList<>();
        for (Saving saving : savings) {
            BigDecimal kgCo2e = saving.factor().apply(saving.kwh());
            if (kgCo2e.signum() > 0) {
                used.add(saving.factor());
                recorded.add(new CarbonReductionRecorded(EventIds.derived(saving.settlementId(), "carbon-reduction"),
                        CarbonReductionRecorded.SCHEMA_VERSION, saving.communityId(), saving.occurredAt(), saving.householdId(),
                        ReductionBehaviour.ELECTRICITY_SAVING, Quantity.of(saving.kwh(), Unit.KWH), Quantity.of(kgCo2e, Unit.KG_CO2E),
                        saving.factor().methodologyId(), saving.factor().version(), saving.settlementId()));
            }
        }
        store(recorded, used);
        return recorded;
    }

    /**
     * A trip a partner reported, accepted for a resident of a household: the resident's reduction, in the household's sums.
     *
     * @param tripId the platform's id of the trip: the reduction's source
     * @param personRef the resident's pseudonym ({@link Persons}), whose behaviour it was
     * @param occurredAt when the trip ended
     * @param km its distance, to the metre
     * @param factor the {@code GREEN_TRAVEL} factor of its mode in the community's methodology version when it ended
     */
    public record Travel(UUID tripId, String communityId, String householdId, @Nullable UUID personRef, Instant occurredAt,
            BigDecimal km, Factor factor) {

        /** A trip of the household whose resident is not known (a test's, or a tool's): it names no person. */
        public Travel(UUID tripId, String communityId, String householdId, Instant occurredAt, BigDecimal km, Factor factor) {
            this(tripId, communityId, householdId, null, occurredAt, km, factor);
        }
    }

    /**
     * Records a {@code GREEN_TRAVEL} reduction per trip — km × the factor of its mode, to the gram — in the import's
     * transaction, with the rollups and the outbox as every reduction; its id derives from the trip's.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<CarbonReductionRecorded> recordTrips(List<Travel> trips) {
        List<CarbonReductionRecorded> recorded = new ArrayList<>();
        List<Factor> used = new ArrayList<>();
        for (Travel trip : trips) {
            BigDecimal kgCo2e = trip.factor().apply(trip.km());
            if (kgCo2e.signum() > 0) {
                used.add(trip.factor());
                recorded.add(new CarbonReductionRecorded(EventIds.derived(trip.tripId(), "carbon-reduction"),
                        CarbonReductionRecorded.SCHEMA_VERSION, trip.communityId(), trip.occurredAt(), trip.householdId(),
                        ReductionBehaviour.GREEN_TRAVEL, Quantity.of(trip.km(), Unit.KM), Quantity.of(kgCo2e, Unit.KG_CO2E),
                        trip.factor().methodologyId(), trip.factor().version(), trip.tripId(),
                        trip.personRef() == null ? null : trip.personRef().toString()));
            }
        }
        store(recorded, used);
        return recorded;
    }

    /**
     * A community's PV generation in a local month, as the monthly PV settlement judged it.
     *
     * @param settlementId the settlement of the community-month: the reduction's source
     * @param occurredAt the end of the month
     * @param kwh generated, the OK deltas of the community's PV meters, to the Wh
     * @param factor the {@code GRID_ELECTRICITY} factor of the community's methodology version at the month's end
     */
    public record Generation(UUID settlementId, String communityId, Instant occurredAt, BigDecimal kwh, Factor factor) {
    }

    /**
     * Records a {@code PV_GENERATION} reduction — kWh × the grid factor, to the gram — of the community's account
     * ({@value Rollups#COMMUNITY_ACCOUNT}), in the settlement's transaction, with the community's rollups; its id derives
     * from the settlement's. It is not published: {@link CarbonReductionRecorded} is a household's reduction, and the
     * community's PV earns no household credits. Returns the reduction, or nothing when it would be worth less than a gram.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<CarbonReductionRecorded> recordGeneration(Generation generation) {
        BigDecimal kgCo2e = generation.factor().apply(generation.kwh());
        if (kgCo2e.signum() <= 0) {
            return Optional.empty();
        }
        CarbonReductionRecorded reduction = new CarbonReductionRecorded(EventIds.derived(generation.settlementId(), "carbon-reduction"),
                CarbonReductionRecorded.SCHEMA_VERSION, generation.communityId(), generation.occurredAt(), Rollups.COMMUNITY_ACCOUNT,
                ReductionBehaviour.PV_GENERATION, Quantity.of(generation.kwh(), Unit.KWH), Quantity.of(kgCo2e, Unit.KG_CO2E),
                generation.factor().methodologyId(), generation.factor().version(), generation.settlementId());
        store(List.of(reduction), List.of(generation.factor()));
        return Optional.of(reduction);
    }

    /**
     * Inserts the reductions (each priced by the factor at the same index) with the person each names, adds them to the
     * rollups, queues the events of households' reductions (never the community's own).
     */
    private void store(List<CarbonReductionRecorded> recorded, List<Factor> used) {
        if (!recorded.isEmpty()) {
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < recorded.size(); i++) {
                CarbonReductionRecorded r = recorded.get(i);
                Factor f = used.get(i);
                rows.add(new Object[] {r.eventId(), r.communityId(), r.householdId(), r.behaviour().name(),
                        r.activity().value(), r.activity().unit().name(), r.reduction().value(), r.methodology(),
                        f.perOneUnit(), f.id(), r.sourceEventId(), Timestamp.from(r.occurredAt()),
                        r.personRef() == null ? null : UUID.fromString(r.personRef())});
            }
            jdbc.batchUpdate("""
                    INSERT INTO carbon_reduction (id, community_id, household_id, behaviour, activity_value, activity_unit,
                        reduction_kg_co2e, methodology, factor, factor_id, source_event_id, occurred_at, person_ref)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
            List<Rollups.ReductionChange> rollup = new ArrayList<>();
            for (int i = 0; i < recorded.size(); i++) {
                CarbonReductionRecorded r = recorded.get(i);
                rollup.add(new Rollups.ReductionChange(r.communityId(), r.occurredAt(), r.householdId(), r.behaviour().name(),
                        used.get(i).id(), r.activity().value(), r.reduction().value()));
            }
            rollups.addReductions(rollup);
            outbox.publishAll(recorded.stream().filter(r -> !Rollups.COMMUNITY_ACCOUNT.equals(r.householdId()))
                    .map(r -> new Outbox.Message(AccountingTopics.CARBON_REDUCTIONS, r.householdId(), r)).toList());
            reductions.increment(recorded.stream().mapToDouble(r -> r.reduction().value().doubleValue()).sum());
        }
    }

    private static PreparedStatement insertDeposits(Connection connection, List<WasteDeposited> deposits) throws SQLException {
        int n = deposits.size();
        UUID[] ids = new UUID[n];
        String[] communities = new String[n];
        String[] devices = new String[n];
        String[] households = new String[n];
        String[] kinds = new String[n];
        BigDecimal[] weights = new BigDecimal[n];
        Boolean[] sorted = new Boolean[n];
        Timestamp[] times = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            WasteDeposited deposit = deposits.get(i);
            ids[i] = deposit.eventId();
            communities[i] = deposit.communityId();
            devices[i] = deposit.deviceId();
            households[i] = deposit.householdId();
            kinds[i] = deposit.wasteKind().name();
            weights[i] = deposit.weight().value();
            sorted[i] = deposit.correctlySorted();
            times[i] = Timestamp.from(deposit.occurredAt());
        }
        PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO waste_deposit (event_id, community_id, device_id, household_id, waste_kind, weight_kg, correctly_sorted, observed_at)
                SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::numeric[], ?::boolean[], ?::timestamptz[])
                ON CONFLICT DO NOTHING
                RETURNING event_id""");
        statement.setArray(1, connection.createArrayOf("uuid", ids));
        statement.setArray(2, connection.createArrayOf("text", communities));
        statement.setArray(3, connection.createArrayOf("text", devices));
        statement.setArray(4, connection.createArrayOf("text", households));
        statement.setArray(5, connection.createArrayOf("text", kinds));
        statement.setArray(6, connection.createArrayOf("numeric", weights));
        statement.setArray(7, connection.createArrayOf("boolean", sorted));
        statement.setArray(8, connection.createArrayOf("timestamptz", times));
        return statement;
    }
}
