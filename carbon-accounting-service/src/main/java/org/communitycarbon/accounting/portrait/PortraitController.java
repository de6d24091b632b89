package org.communitycarbon.accounting.portrait;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.accounting.portrait.HouseholdMonths.HouseholdFigures;
import org.communitycarbon.accounting.portrait.PortraitQueries.Subject;
import org.communitycarbon.accounting.rollup.LocalCalendar;
import org.communitycarbon.accounting.rollup.PricedSum;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.model.sensing.MeterType;
import org.communitycarbon.support.audit.AuditedRead;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

/**
 * Carbon portraits: a household's, a building's or the community's months — emissions by source, per member, the
 * community's median household per member, the household's percentile, reductions by behaviour — with the trend
 * of the last month and, for a building or the community, its top improvers.
 */
@RestController
@RequestMapping("/api/accounting")
class PortraitController {

    static final int MAX_MONTHS = 25;
    static final int IMPROVERS = 5;

    private final PortraitQueries queries;
    private final HouseholdMonths households;
    private final FactorCatalog catalog;
    private final Clock clock;

    PortraitController(PortraitQueries queries, HouseholdMonths households, FactorCatalog catalog, Clock clock) {
        this.queries = queries;
        this.households = households;
        this.catalog = catalog;
        this.clock = clock;
    }

    enum Level {
        HOUSEHOLD, BUILDING, COMMUNITY
    }

    record Source(MeterType meterType, Quantity consumption, Quantity emissions) {
    }

    record BehaviourReduction(String behaviour, Quantity reduction) {
    }

    /**
     * @param emissions the subject's, PV left out (kg CO2 of electricity and gas counted as kg CO2e)
     * @param emissionsPerMember null when the registry has not told the members
     * @param communityMedianPerMember the median ranked household's emissions per member that month
     * @param percentile a household's: the share of the other ranked households emitting more per member, 0 to 100
     * @param flaggedReadings readings not counted (glitch, reset, jump, pending): the figure rests on the others
     */
    record MonthPortrait(String month, List<Source> sources, Quantity emissions, @Nullable Quantity emissionsPerMember,
            @Nullable Quantity communityMedianPerMember, @Nullable Integer percentile, List<BehaviourReduction> reductions,
            Quantity reductionTotal, long readings, long flaggedReadings) {
    }

    /**
     * The last month against the one before and the same month a year before, in per cent of emissions per member
     * (of emissions when members are unknown); null without data to compare with.
     */
    record Trend(String month, @Nullable BigDecimal vsPreviousMonthPercent, @Nullable BigDecimal vsSameMonthLastYearPercent) {
    }

    /** A household of a building, or a building of the community, whose emissions per member fell the most. */
    record Improver(String id, Quantity before, Quantity after, BigDecimal changePercent) {
    }

    record Portrait(Level level, String communityId, String subjectId, @Nullable Integer members, List<String> factorVersions,
            List<MonthPortrait> months, Trend trend, List<Improver> topImprovers) {
    }

    @Operation(summary = "The caller's household's carbon portrait: months (to YYYY-MM, by default this one; months 1 to 25, "
            + "default 13) of emissions by source, per member, the community median, its percentile, reductions by behaviour, "
            + "and the trend (a resident)")
    @Allowed(Role.RESIDENT)
    @GetMapping("/me/portrait")
    Portrait mine(Caller caller, @RequestParam(required = false) @Nullable String to, @RequestParam(defaultValue = "13") int months) {
        Caller.ResidentScope me = caller.requireResident();
        return portrait(Level.HOUSEHOLD, new Subject(me.communityId(), me.householdId(), null), to, months);
    }

    @Operation(summary = "A household's carbon portrait (its resident, the community's property team, admins)")
    @AuditedRead
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER, Role.STAFF, Role.RESIDENT}, community = "communityId", household = "householdId")
    @GetMapping("/communities/{communityId}/households/{householdId}/portrait")
    Portrait household(Caller caller, @PathVariable String communityId, @PathVariable String householdId,
            @RequestParam(required = false) @Nullable String to, @RequestParam(defaultValue = "13") int months) {
        caller.requireHousehold(communityId, householdId);
        Require.identifier(householdId, "householdId");
        return portrait(Level.HOUSEHOLD, new Subject(communityId, householdId, null), to, months);
    }

    @Operation(summary = "A building's carbon portrait with its households that improved most (the community's property team, admins)")
    @AuditedRead
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER, Role.STAFF}, community = "communityId")
    @GetMapping("/communities/{communityId}/buildings/{buildingId}/portrait")
    Portrait building(Caller caller, @PathVariable String communityId, @PathVariable String buildingId,
            @RequestParam(required = false) @Nullable String to, @RequestParam(defaultValue = "13") int months) {
        Require.identifier(buildingId, "buildingId");
        return portrait(Level.BUILDING, new Subject(communityId, null, buildingId), to, months);
    }

    @Operation(summary = "The community's carbon portrait with its buildings that improved most (property team, street office, admins)")
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER, Role.STAFF, Role.STREET_OFFICE}, community = "communityId")
    @GetMapping("/communities/{communityId}/portrait")
    Portrait community(Caller caller, @PathVariable String communityId, @RequestParam(required = false) @Nullable String to,
            @RequestParam(defaultValue = "13") int months) {
        Require.identifier(communityId, "communityId");
        return portrait(Level.COMMUNITY, new Subject(communityId, null, null), to, months);
    }

    private Portrait portrait(Level level, Subject subject, @Nullable String to, int count) {
        if (count < 1 || count > MAX_MONTHS) {
            throw new ContractViolation("months", "must be between 1 and " + MAX_MONTHS + ", was " + count);
        }
        String community = subject.communityId();
        YearMonth last = Months.parse(to, "to", YearMonth.from(LocalCalendar.dayOf(clock.instant(), catalog.zoneOf(community))));
        YearMonth first = last.minusMonths(count - 1L);
        Map<YearMonth, List<HouseholdFigures>> all = queries.households(community, first, last);
        Map<YearMonth, Map<MeterType, PricedSum>> sources = queries.sources(subject, first, last);
        Map<YearMonth, Map<String, BigDecimal>> reductions = queries.reductions(subject, first, last);
        String subjectId = switch (level) {
            case HOUSEHOLD -> subject.householdId();
            case BUILDING -> subject.buildingId();
            case COMMUNITY -> community;
        };
        TreeSet<String> versions = new TreeSet<>();
        List<MonthPortrait> months = new ArrayList<>();
        Map<YearMonth, BigDecimal> perMember = new HashMap<>();
        Map<YearMonth, BigDecimal> totals = new HashMap<>();
        Integer currentMembers = null;
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            List<HouseholdFigures> ranked = all.getOrDefault(month, List.of()).stream().filter(HouseholdFigures::ranked).toList();
            List<BigDecimal> rankedPerMember = ranked.stream().map(HouseholdFigures::emissionsPerMember).toList();
            List<HouseholdFigures> mine = ranked.stream().filter(h -> switch (level) {
                case HOUSEHOLD -> h.householdId().equals(subject.householdId());
                case BUILDING -> subject.buildingId().equals(h.buildingId());
                case COMMUNITY -> true;
            }).toList();
            int members = mine.stream().mapToInt(h -> h.members()).sum();
            if (members > 0) {
                currentMembers = members;
            }
            List<Source> bySource = new ArrayList<>();
            BigDecimal emissions = BigDecimal.ZERO;
            long readings = 0;
            long flagged = 0;
            for (Map.Entry<MeterType, PricedSum> e : sources.getOrDefault(month, Map.of()).entrySet()) {
                PricedSum sum = e.getValue();
                versions.addAll(sum.versions(catalog));
                readings += sum.readings();
                flagged += sum.flagged();
                bySource.add(new Source(e.getKey(), Quantity.of(sum.consumption().setScale(3, RoundingMode.HALF_UP),
                        e.getKey().registerUnit()), sum.emissionsQuantity(catalog)));
                if (e.getKey() != MeterType.PV_GENERATION) {
                    emissions = emissions.add(sum.emissions(catalog));
                }
            }
            // per member: the ranked households' emissions (household meters) over their members
            BigDecimal householdEmissions = mine.stream().map(HouseholdFigures::emissions).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal mineperMember = members == 0 ? null : householdEmissions.divide(BigDecimal.valueOf(members), 6, RoundingMode.HALF_UP);
            if (mineperMember != null) {
                perMember.put(month, mineperMember);
            }
            totals.put(month, emissions);
            Integer percentile = level == Level.HOUSEHOLD && mineperMember != null
                    ? HouseholdMonths.percentile(mineperMember, rankedPerMember, true) : null;
            List<BehaviourReduction> byBehaviour = new ArrayList<>();
            BigDecimal reductionTotal = BigDecimal.ZERO;
            for (Map.Entry<String, BigDecimal> e : reductions.getOrDefault(month, Map.of()).entrySet()) {
                byBehaviour.add(new BehaviourReduction(e.getKey(), RankingController.kg(e.getValue())));
                reductionTotal = reductionTotal.add(e.getValue());
            }
            months.add(new MonthPortrait(month.toString(), bySource, RankingController.kg(emissions),
                    mineperMember == null ? null : RankingController.kg(mineperMember),
                    rankedPerMember.isEmpty() ? null : RankingController.kg(HouseholdMonths.median(rankedPerMember)), percentile,
                    byBehaviour, RankingController.kg(reductionTotal), readings, flagged));
        }
        Map<YearMonth, BigDecimal> compared = perMember.containsKey(last) ? perMember : totals;
        Trend trend = new Trend(last.toString(), change(compared.get(last.minusMonths(1)), compared.get(last)),
                change(compared.get(last.minusMonths(12)), compared.get(last)));
        List<Improver> improvers = level == Level.HOUSEHOLD ? List.of()
                : improvers(level, subject, all.getOrDefault(last.minusMonths(1), List.of()), all.getOrDefault(last, List.of()));
        return new Portrait(level, community, subjectId, currentMembers, List.copyOf(versions), months, trend, improvers);
    }

    /** Change from {@code before} to {@code after} in per cent, one decimal; null without both or from zero. */
    static @Nullable BigDecimal change(@Nullable BigDecimal before, @Nullable BigDecimal after) {
        if (before == null || after == null || before.signum() == 0) {
            return null;
        }
        return after.subtract(before).multiply(BigDecimal.valueOf(100)).divide(before, 1, RoundingMode.HALF_UP);
    }

    /** A building's households, or the community's buildings, by the fall of their emissions per member. */
    private static List<Improver> improvers(Level level, Subject subject, List<HouseholdFigures> before, List<HouseholdFigures> after) {
        Map<String, BigDecimal[]> then = group(level, subject, before);
        Map<String, BigDecimal[]> now = group(level, subject, after);
        List<Improver> improvers = new ArrayList<>();
        now.forEach((id, n) -> {
            BigDecimal[] b = then.get(id);
            if (b == null || b[1].signum() == 0 || n[1].signum() == 0) {
                return;
            }
            BigDecimal beforePerMember = b[0].divide(b[1], 6, RoundingMode.HALF_UP);
            BigDecimal afterPerMember = n[0].divide(n[1], 6, RoundingMode.HALF_UP);
            BigDecimal change = change(beforePerMember, afterPerMember);
            if (change != null && change.signum() < 0) {
                improvers.add(new Improver(id, RankingController.kg(beforePerMember), RankingController.kg(afterPerMember), change));
            }
        });
        improvers.sort(Comparator.comparing(Improver::changePercent).thenComparing(Improver::id));
        return improvers.size() > IMPROVERS ? improvers.subList(0, IMPROVERS) : improvers;
    }

    /** Emissions and members per household of the building, or per building of the community: ranked households only. */
    private static Map<String, BigDecimal[]> group(Level level, Subject subject, List<HouseholdFigures> households) {
        Map<String, BigDecimal[]> groups = new HashMap<>();
        for (HouseholdFigures h : households) {
            if (!h.ranked() || h.buildingId() == null) {
                continue;
            }
            String key;
            if (level == Level.BUILDING) {
                if (!h.buildingId().equals(subject.buildingId())) {
                    continue;
                }
                key = h.householdId();
            }
            else {
                key = h.buildingId();
            }
            BigDecimal[] sum = groups.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            sum[0] = sum[0].add(h.emissions());
            sum[1] = sum[1].add(BigDecimal.valueOf(h.members()));
        }
        return groups;
    }
}
