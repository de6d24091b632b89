package org.communitycarbon.accounting.baseline;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.accounting.portrait.Months;
import org.communitycarbon.accounting.rollup.LocalCalendar;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.audit.AuditedRead;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * Electricity baselines against actual consumption for a local month: a household's (its resident, the property team,
 * admins) with the settlement once the month is settled; a building's and the community's as sums of their households'
 * (the property team, the street office, admins).
 */
@RestController
@RequestMapping("/api/accounting")
@Transactional(readOnly = true)
class BaselineController {

    private final Baselines baselines;
    private final BaselineQueries queries;
    private final FactorCatalog catalog;
    private final SavingsSettings settings;
    private final Clock clock;

    BaselineController(Baselines baselines, BaselineQueries queries, FactorCatalog catalog, SavingsSettings settings, Clock clock) {
        this.baselines = baselines;
        this.queries = queries;
        this.catalog = catalog;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * A household's month against its baseline.
     *
     * @param actual kWh of the month (so far, for a month not ended)
     * @param daysWithReadings local days with an unflagged reading
     * @param enoughData readings on at least {@code accounting.savings.min-coverage} of the days and none flagged
     * @param baseline expected kWh of the month; null without a baseline
     * @param baselineSource {@code SAME_MONTH_LAST_YEAR}, {@code FIRST_MONTHS}, {@code COMMUNITY_TYPE_MEDIAN}
     * @param baselineBasis the months or the peers it was made of
     * @param saving baseline − actual when positive and the month has enough data, else 0
     * @param outcome {@code SAVED}, {@code NO_SAVING}, {@code NO_BASELINE}, {@code INSUFFICIENT_DATA}, {@code FLAGGED_READINGS},
     *        {@code NO_FACTOR}: as settled, or as it would be settled now
     * @param settled whether the month is settled: the figures are then those the settlement recorded
     * @param reduction the {@code ELECTRICITY_SAVING} reduction recorded for a saving; null before settlement or without one
     * @param recomputations the month's baseline recomputed after registry changes (members, a meter replaced), oldest first
     */
    record HouseholdBaseline(String communityId, String householdId, String month, String timeZone, Quantity actual,
            int daysWithReadings, int daysInMonth, int flaggedReadings, boolean enoughData, @Nullable Quantity baseline,
            @Nullable String baselineSource, @Nullable String baselineBasis, Quantity saving, String outcome, boolean settled,
            @Nullable Instant settledAt, @Nullable UUID reductionId, @Nullable Quantity reduction,
            List<Recomputation> recomputations) {
    }

    /**
     * A recomputation of the month's baseline.
     *
     * @param reason {@code MEMBERS_CHANGED} or {@code METER_REPLACED}
     * @param changedOn the local day of the change (for a meter, the day the new one was installed)
     * @param detail what changed: {@code members 2 -> 3}, {@code meter m-1 replaced by m-2}
     */
    record Recomputation(String reason, String changedOn, String detail, @Nullable Quantity oldBaseline, @Nullable String oldSource,
            @Nullable Quantity newBaseline, @Nullable String newSource, Instant recomputedAt) {

        static Recomputation of(BaselineQueries.Recomputation r) {
            return new Recomputation(r.reason(), r.changedOn().toString(), r.detail(),
                    r.oldBaselineKwh() == null ? null : kwh(r.oldBaselineKwh()), r.oldSource(),
                    r.newBaselineKwh() == null ? null : kwh(r.newBaselineKwh()), r.newSource(), r.recomputedAt());
        }
    }

    /**
     * A building's or the community's month: the sums over its households with electricity readings in the month.
     *
     * @param households households with readings in the month
     * @param householdsWithBaseline of them, those with a baseline and enough data: what {@code baseline} and {@code actual} sum
     * @param baseline the sum of those households' baselines
     * @param actual the sum of the same households' consumption, so the two compare
     * @param changePercent actual against baseline, in per cent; null without a baseline
     * @param actualAll the consumption of every household with readings
     * @param householdsSettled households whose month is settled; of them {@code householdsSaved} saved
     * @param saving kWh saved as settled; {@code reduction} the kg CO2e recorded for it
     */
    record AggregateBaseline(String communityId, @Nullable String buildingId, String month, String timeZone, int households,
            int householdsWithBaseline, Quantity baseline, Quantity actual, @Nullable BigDecimal changePercent, Quantity actualAll,
            int householdsSettled, int householdsSaved, Quantity saving, Quantity reduction) {
    }

    @Operation(summary = "The caller's household's electricity against its baseline in a local month (month=YYYY-MM, by default "
            + "last month), with the saving settled for it (a resident)")
    @Allowed(Role.RESIDENT)
    @GetMapping("/me/baseline")
    HouseholdBaseline mine(Caller caller, @Parameter(example = "2026-11") @RequestParam(required = false) @Nullable String month) {
        Caller.ResidentScope me = caller.requireResident();
        return household(me.communityId(), me.householdId(), month);
    }

    @Operation(summary = "A household's electricity against its baseline in a local month, with the saving settled for it "
            + "(its resident, the community's property team, admins)")
    @AuditedRead
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER, Role.STAFF, Role.RESIDENT}, community = "communityId", household = "householdId")
    @GetMapping("/communities/{communityId}/households/{householdId}/baseline")
    HouseholdBaseline household(Caller caller, @PathVariable String communityId, @PathVariable String householdId,
            @Parameter(example = "2026-11") @RequestParam(required = false) @Nullable String month) {
        caller.requireHousehold(communityId, householdId);
        Require.identifier(householdId, "householdId");
        return household(communityId, householdId, month);
    }

    @Operation(summary = "A building's electricity baseline against actual in a local month: sums over its households "
            + "(the community's property team, its street office, admins)")
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER, Role.STAFF, Role.STREET_OFFICE}, community = "communityId")
    @GetMapping("/communities/{communityId}/buildings/{buildingId}/baseline")
    AggregateBaseline building(Caller caller, @PathVariable String communityId, @PathVariable String buildingId,
            @Parameter(example = "2026-11") @RequestParam(required = false) @Nullable String month) {
        Require.identifier(buildingId, "buildingId");
        return aggregate(communityId, buildingId, month);
    }

    @Operation(summary = "The community's electricity baseline against actual in a local month: sums over its households "
            + "(its property team, its street office, admins)")
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER, Role.STAFF, Role.STREET_OFFICE}, community = "communityId")
    @GetMapping("/communities/{communityId}/baseline")
    AggregateBaseline community(Caller caller, @PathVariable String communityId,
            @Parameter(example = "2026-11") @RequestParam(required = false) @Nullable String month) {
        Require.identifier(communityId, "communityId");
        return aggregate(communityId, null, month);
    }

    private HouseholdBaseline household(String communityId, String householdId, @Nullable String month) {
        ZoneId zone = catalog.zoneOf(communityId);
        YearMonth period = month(month, zone);
        BaselineQueries.Settled settled = queries.settled(communityId, householdId, null, period).get(householdId);
        List<Recomputation> recomputations = queries.recomputations(communityId, householdId, period).stream()
                .map(Recomputation::of).toList();
        if (settled != null) {
            MonthFigures figures = new MonthFigures(period, settled.actualKwh(), settled.daysWithReadings(), settled.flagged());
            return new HouseholdBaseline(communityId, householdId, period.toString(), zone.getId(), kwh(settled.actualKwh()),
                    settled.daysWithReadings(), period.lengthOfMonth(), settled.flagged(), figures.usable(settings.minCoverage()),
                    settled.baselineKwh() == null ? null : kwh(settled.baselineKwh()),
                    settled.source() == null ? null : settled.source().name(), settled.basis(), kwh(settled.savingKwh()),
                    settled.outcome().name(), true, settled.settledAt(), settled.reductionId(),
                    settled.reductionKg() == null ? null : kg(settled.reductionKg()), recomputations);
        }
        Baselines.HouseholdMonth evaluated = baselines.evaluate(communityId, householdId, null, period).stream()
                .filter(h -> h.householdId().equals(householdId)).findFirst().orElseThrow();
        BaselineRule.Evaluation e = evaluated.evaluation();
        return new HouseholdBaseline(communityId, householdId, period.toString(), zone.getId(), kwh(e.actual().kwh()),
                e.actual().daysWithReadings(), period.lengthOfMonth(), e.actual().flagged(), e.actual().usable(settings.minCoverage()),
                e.baseline() == null ? null : kwh(e.baseline().kwh()), e.baseline() == null ? null : e.baseline().source().name(),
                e.baseline() == null ? null : e.baseline().basis(), kwh(e.savingKwh()), e.outcome().name(), false, null, null, null,
                recomputations);
    }

    private AggregateBaseline aggregate(String communityId, @Nullable String buildingId, @Nullable String month) {
        ZoneId zone = catalog.zoneOf(communityId);
        YearMonth period = month(month, zone);
        Map<String, BaselineQueries.Settled> settled = queries.settled(communityId, null, buildingId, period);
        List<Baselines.HouseholdMonth> evaluated = baselines.evaluate(communityId, null, buildingId, period);
        BigDecimal baseline = BigDecimal.ZERO;
        BigDecimal actual = BigDecimal.ZERO;
        BigDecimal actualAll = BigDecimal.ZERO;
        int withBaseline = 0;
        for (Baselines.HouseholdMonth household : evaluated) {
            BaselineQueries.Settled s = settled.get(household.householdId());
            // a settled household counts as settled; the others as their data stand
            BigDecimal householdActual = s != null ? s.actualKwh() : household.evaluation().actual().kwh();
            BigDecimal householdBaseline = s != null ? s.baselineKwh() : household.evaluation().baseline() == null ? null
                    : household.evaluation().baseline().kwh();
            boolean enough = s != null ? s.outcome() != BaselineRule.Outcome.INSUFFICIENT_DATA && s.outcome() != BaselineRule.Outcome.FLAGGED_READINGS
                    : household.evaluation().actual().usable(settings.minCoverage());
            actualAll = actualAll.add(householdActual);
            if (householdBaseline != null && enough) {
                withBaseline++;
                baseline = baseline.add(householdBaseline);
                actual = actual.add(householdActual);
            }
        }
        BigDecimal saving = BigDecimal.ZERO;
        BigDecimal reduction = BigDecimal.ZERO;
        int saved = 0;
        for (BaselineQueries.Settled s : settled.values()) {
            if (s.outcome() == BaselineRule.Outcome.SAVED) {
                saved++;
                saving = saving.add(s.savingKwh());
                reduction = reduction.add(s.reductionKg() == null ? BigDecimal.ZERO : s.reductionKg());
            }
        }
        BigDecimal change = baseline.signum() == 0 ? null
                : actual.subtract(baseline).multiply(BigDecimal.valueOf(100)).divide(baseline, 1, RoundingMode.HALF_UP);
        return new AggregateBaseline(communityId, buildingId, period.toString(), zone.getId(), evaluated.size(), withBaseline, kwh(baseline),
                kwh(actual), change, kwh(actualAll), settled.size(), saved, kwh(saving), kg(reduction));
    }

    /** The month asked for, by default last month in the community's calendar. */
    private YearMonth month(@Nullable String month, ZoneId zone) {
        return Months.parse(month, "month", YearMonth.from(LocalCalendar.dayOf(clock.instant(), zone)).minusMonths(1));
    }

    private static Quantity kwh(BigDecimal value) {
        return Quantity.of(value.setScale(3, RoundingMode.HALF_UP), Unit.KWH);
    }

    private static Quantity kg(BigDecimal value) {
        return Quantity.of(value.setScale(3, RoundingMode.HALF_UP), Unit.KG_CO2E);
    }
}
