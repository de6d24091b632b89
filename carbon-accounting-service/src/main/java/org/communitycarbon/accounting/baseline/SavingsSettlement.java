package org.communitycarbon.accounting.baseline;

import java.sql.Connection;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.communitycarbon.accounting.methodology.Factor;
import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.accounting.methodology.FactorKind;
import org.communitycarbon.accounting.reduction.ReductionRecorder;
import org.communitycarbon.accounting.rollup.LocalCalendar;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.support.persistence.SqlArrays;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monthly settlement of electricity savings: once a community's local month has ended and
 * {@code accounting.savings.settle-after} has passed, every household with electricity readings in it is judged against
 * its baseline and the judgement stored ({@code electricity_settlement}, one row per household and month, whatever the
 * outcome); for the rows this transaction inserted with a saving, an {@code ELECTRICITY_SAVING} reduction of the saved kWh ×
 * the methodology's factor is recorded (rollups and outbox included) in the same transaction. A household-month is
 * settled once: the row's key refuses a second, and only the inserter records the reduction.
 */
@Service
public class SavingsSettlement {

    private static final Logger log = LoggerFactory.getLogger(SavingsSettlement.class);

    private final Baselines baselines;
    private final BaselineQueries queries;
    private final FactorCatalog catalog;
    private final ReductionRecorder recorder;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final SavingsSettings settings;
    private final Clock clock;

    SavingsSettlement(Baselines baselines, BaselineQueries queries, FactorCatalog catalog, ReductionRecorder recorder, JdbcTemplate jdbc,
            TransactionTemplate transactions, SavingsSettings settings, Clock clock) {
        this.baselines = baselines;
        this.queries = queries;
        this.catalog = catalog;
        this.recorder = recorder;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /** What settling a community's month did. */
    public record Settled(String communityId, YearMonth month, int households, int saved) {
    }

    /** Hourly (after a few minutes): settles every community's months that are due and not settled yet. */
    @Scheduled(initialDelayString = "${accounting.savings.first-check-after:PT3M}", fixedDelayString = "${accounting.savings.check-every:PT1H}")
    void settleDueMonths() {
        if (!settings.enabled()) {
            return;
        }
        try {
            settleDue(clock.instant());
        }
        catch (RuntimeException e) {
            log.warn("Settling electricity savings failed; the next check tries again", e);
        }
    }

    /**
     * Settles, for every community with household electricity in the last 70 days, the last local month that ended at
     * least {@code settle-after} before {@code now}, and the month before it (a missed run catches up), unless settled.
     */
    public List<Settled> settleDue(Instant now) {
        List<Settled> done = new ArrayList<>();
        for (String community : queries.communitiesWithElectricity(LocalDate.ofInstant(now, ZoneId.of("UTC")).minusDays(70))) {
            YearMonth due = dueMonth(community, now);
            for (YearMonth month : List.of(due.minusMonths(1), due)) {
                if (!queries.anySettled(community, month)) {
                    done.add(settle(community, month));
                }
            }
        }
        return done;
    }

    /** The last local month of the community that ended at least {@code settle-after} before {@code now}. */
    YearMonth dueMonth(String communityId, Instant now) {
        return YearMonth.from(LocalCalendar.dayOf(now.minus(settings.settleAfter()), catalog.zoneOf(communityId))).minusMonths(1);
    }

    /** Settles a community's month, in one transaction; households already settled are left as they were. */
    public Settled settle(String communityId, YearMonth month) {
        return transactions.execute(status -> {
            ZoneId zone = catalog.zoneOf(communityId);
            // the month's saving happened by its end: (first day 00:00, next month's first day 00:00]
            Instant end = LocalCalendar.endOf(month.atEndOfMonth(), zone);
            Optional<Factor> factor = catalog.behaviourFactor(communityId, FactorKind.ELECTRICITY_SAVING, catalog.regionOf(communityId), end);
            Instant settledAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            List<Row> rows = new ArrayList<>();
            for (Baselines.HouseholdMonth household : baselines.evaluate(communityId, null, null, month)) {
                rows.add(Row.of(communityId, month, household.householdId(), household.evaluation(), factor.orElse(null)));
            }
            if (rows.isEmpty()) {
                return new Settled(communityId, month, 0, 0);
            }
            Set<String> inserted = new HashSet<>();
            jdbc.query((Connection connection) -> SqlArrays.statement(connection, """
                    INSERT INTO electricity_settlement (id, community_id, household_id, month, outcome, actual_kwh, days_with_readings,
                        days_in_month, flagged_readings, baseline_kwh, baseline_source, baseline_basis, saving_kwh, reduction_id, settled_at)
                    SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::date[], ?::text[], ?::numeric[], ?::integer[], ?::integer[],
                                         ?::integer[], ?::numeric[], ?::text[], ?::text[], ?::numeric[], ?::uuid[], ?::timestamptz[])
                    ORDER BY 2, 3, 4
                    ON CONFLICT (community_id, household_id, month) DO NOTHING
                    RETURNING household_id""",
                    SqlArrays.of("uuid", rows, Row::id), SqlArrays.of("text", rows, r -> communityId),
                    SqlArrays.of("text", rows, Row::householdId), SqlArrays.of("date", rows, r -> Date.valueOf(month.atDay(1))),
                    SqlArrays.of("text", rows, r -> r.outcome().name()), SqlArrays.of("numeric", rows, r -> r.evaluation().actual().kwh()),
                    SqlArrays.of("integer", rows, r -> r.evaluation().actual().daysWithReadings()),
                    SqlArrays.of("integer", rows, r -> month.lengthOfMonth()),
                    SqlArrays.of("integer", rows, r -> r.evaluation().actual().flagged()),
                    SqlArrays.of("numeric", rows, r -> r.evaluation().baseline() == null ? null : r.evaluation().baseline().kwh()),
                    SqlArrays.of("text", rows, r -> r.evaluation().baseline() == null ? null : r.evaluation().baseline().source().name()),
                    SqlArrays.of("text", rows, r -> r.evaluation().baseline() == null ? null : r.evaluation().baseline().basis()),
                    SqlArrays.of("numeric", rows, r -> r.evaluation().savingKwh()), SqlArrays.of("uuid", rows, Row::reductionId),
                    SqlArrays.of("timestamptz", rows, r -> Timestamp.from(settledAt))),
                    rs -> {
                        inserted.add(rs.getString(1));
                    });
            List<ReductionRecorder.Saving> savings = new ArrayList<>();
            for (Row row : rows) {
                if (row.outcome() == BaselineRule.Outcome.SAVED && inserted.contains(row.householdId())) {
                    savings.add(new ReductionRecorder.Saving(row.id(), communityId, row.householdId(), end, row.evaluation().savingKwh(),
                            factor.orElseThrow()));
                }
            }
            recorder.recordSavings(savings);
            log.info("Settled electricity savings of {} for {}: {} households, {} saved", month, communityId, inserted.size(), savings.size());
            return new Settled(communityId, month, inserted.size(), savings.size());
        });
    }

    /** A household-month to store: a saving without a factor (or worth less than a gram) records no reduction. */
    private record Row(UUID id, String householdId, BaselineRule.Evaluation evaluation, BaselineRule.Outcome outcome,
            @Nullable UUID reductionId) {

        static Row of(String communityId, YearMonth month, String householdId, BaselineRule.Evaluation evaluation, @Nullable Factor factor) {
            UUID id = settlementId(communityId, householdId, month);
            BaselineRule.Outcome outcome = evaluation.outcome();
            if (outcome == BaselineRule.Outcome.SAVED && factor == null) {
                outcome = BaselineRule.Outcome.NO_FACTOR;
            }
            else if (outcome == BaselineRule.Outcome.SAVED && factor.apply(evaluation.savingKwh()).signum() == 0) {
                outcome = BaselineRule.Outcome.NO_SAVING;
            }
            return new Row(id, householdId, evaluation, outcome,
                    outcome == BaselineRule.Outcome.SAVED ? EventIds.derived(id, "carbon-reduction") : null);
        }
    }

    /** The settlement's id, and the reduction's source: {@code EventIds.of("electricity-settlement", community, household, YYYY-MM)}. */
    static UUID settlementId(String communityId, String householdId, YearMonth month) {
        return EventIds.of("electricity-settlement", communityId, householdId, month.toString());
    }
}
