package org.communitycarbon.accounting.portrait;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.accounting.portrait.HouseholdMonths.HouseholdFigures;
import org.communitycarbon.accounting.rollup.LocalCalendar;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.security.Role;
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
 * Rankings for a month: a community's buildings (its property team, street office, admins), a resident's household
 * among its anonymised neighbours, a street office's communities. Lower emissions per member rank first; higher
 * reductions per member rank first.
 */
@RestController
@RequestMapping("/api/accounting")
class RankingController {

    /** A resident sees peers only among at least this many ranked households: fewer could be told apart. */
    static final int MIN_PEERS = 5;
    /** Peers shown on each side of the resident's rank. */
    static final int NEIGHBOURS = 5;
    static final int MAX_COMMUNITIES = 50;

    private final HouseholdMonths households;
    private final FactorCatalog catalog;
    private final Clock clock;

    RankingController(HouseholdMonths households, FactorCatalog catalog, Clock clock) {
        this.households = households;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * A building's month.
     *
     * @param households households of the building ranked (members known, readings in the month)
     * @param members their members
     * @param emissions their households' emissions, kg CO2e (household meters; PV left out)
     * @param commonAreaEmissions emissions of the common areas the registry places in the building (not per member)
     * @param emissionsRank 1 for the lowest emissions per member
     * @param reductionsRank 1 for the highest reductions per member
     * @param flaggedReadings readings of its households not counted (glitch, reset, jump, pending)
     */
    record BuildingFigures(String buildingId, String name, int households, int members, Quantity emissions,
            Quantity emissionsPerMember, Quantity reductions, Quantity reductionsPerMember, Quantity commonAreaEmissions,
            int emissionsRank, int reductionsRank, long readings, long flaggedReadings) {
    }

    /**
     * @param householdsRanked households with members known and readings in the month
     * @param householdsUnranked households left out: not in the registry, without members, or without readings
     */
    record BuildingRanking(String communityId, String month, List<String> factorVersions, int householdsRanked,
            int householdsUnranked, List<BuildingFigures> buildings) {
    }

    /** An anonymous peer: its rank and figures, never its household. */
    record Peer(int emissionsRank, Quantity emissionsPerMember, Quantity reductionsPerMember, boolean you) {
    }

    /** Emissions per member across the ranked households. */
    record Distribution(Quantity min, Quantity quartile1, Quantity median, Quantity quartile3, Quantity max) {
    }

    /**
     * @param ranked whether the household is ranked; if not, {@code reason} says why and the ranks are absent
     * @param emissionsPercentile share of the other ranked households emitting more per member, 0 to 100
     * @param peers up to five ranks on each side, anonymised; empty when fewer than five households are ranked
     */
    record MyRanking(String communityId, String householdId, String month, boolean ranked, @Nullable String reason,
            int householdsRanked, @Nullable Quantity emissionsPerMember, @Nullable Quantity reductionsPerMember,
            @Nullable Integer emissionsRank, @Nullable Integer emissionsPercentile, @Nullable Integer reductionsRank,
            @Nullable Integer reductionsPercentile, @Nullable Distribution distribution, List<Peer> peers, List<String> factorVersions) {
    }

    /** @param emissionsPerMember null when no household of the community is ranked (the registry has not told members) */
    record CommunityFigures(String communityId, int households, int members, Quantity emissions, @Nullable Quantity emissionsPerMember,
            Quantity reductions, @Nullable Quantity reductionsPerMember, @Nullable Integer emissionsRank, @Nullable Integer reductionsRank) {
    }

    record StreetRanking(@Nullable String streetId, String month, List<CommunityFigures> communities) {
    }

    @Operation(summary = "The community's buildings in a month (YYYY-MM, local; by default this month): totals, emissions and "
            + "reductions per member, and their ranks (property team, street office, admins)")
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER, Role.STAFF, Role.STREET_OFFICE}, community = "communityId")
    @GetMapping("/communities/{communityId}/buildings/ranking")
    BuildingRanking buildings(Caller caller, @PathVariable String communityId, @RequestParam(required = false) @Nullable String month) {
        Require.identifier(communityId, "communityId");
        YearMonth m = Months.parse(month, "month", thisMonth(communityId));
        List<HouseholdFigures> all = households.of(communityId, m);
        Map<String, String> names = households.buildingNames(communityId);
        Map<String, BigDecimal> commonAreas = households.commonAreasByBuilding(communityId, m.atDay(1), m.atEndOfMonth());
        Map<String, List<HouseholdFigures>> byBuilding = new LinkedHashMap<>();
        int unranked = 0;
        for (HouseholdFigures h : all) {
            if (h.ranked() && h.buildingId() != null) {
                byBuilding.computeIfAbsent(h.buildingId(), k -> new ArrayList<>()).add(h);
            }
            else if (h.readings() > 0 || h.reductions().signum() > 0) {
                unranked++;
            }
        }
        record Totals(String building, int households, int members, BigDecimal emissions, BigDecimal reductions, long readings,
                long flagged) {
            BigDecimal emissionsPerMember() {
                return emissions.divide(BigDecimal.valueOf(members), 6, RoundingMode.HALF_UP);
            }

            BigDecimal reductionsPerMember() {
                return reductions.divide(BigDecimal.valueOf(members), 6, RoundingMode.HALF_UP);
            }
        }
        List<Totals> totals = byBuilding.entrySet().stream().map(e -> new Totals(e.getKey(), e.getValue().size(),
                e.getValue().stream().mapToInt(h -> h.members()).sum(),
                e.getValue().stream().map(HouseholdFigures::emissions).reduce(BigDecimal.ZERO, BigDecimal::add),
                e.getValue().stream().map(HouseholdFigures::reductions).reduce(BigDecimal.ZERO, BigDecimal::add),
                e.getValue().stream().mapToLong(HouseholdFigures::readings).sum(),
                e.getValue().stream().mapToLong(HouseholdFigures::flagged).sum())).toList();
        List<BigDecimal> emissionsPerMember = totals.stream().map(Totals::emissionsPerMember).toList();
        List<BigDecimal> reductionsPerMember = totals.stream().map(Totals::reductionsPerMember).toList();
        List<BuildingFigures> buildings = totals.stream().map(t -> new BuildingFigures(t.building(), names.getOrDefault(t.building(),
                t.building()), t.households(), t.members(), kg(t.emissions()), kg(t.emissionsPerMember()), kg(t.reductions()),
                kg(t.reductionsPerMember()), kg(commonAreas.getOrDefault(t.building(), BigDecimal.ZERO)),
                HouseholdMonths.rank(t.emissionsPerMember(), emissionsPerMember, true),
                HouseholdMonths.rank(t.reductionsPerMember(), reductionsPerMember, false), t.readings(), t.flagged()))
                .sorted(Comparator.comparingInt(BuildingFigures::emissionsRank).thenComparing(BuildingFigures::buildingId)).toList();
        return new BuildingRanking(communityId, m.toString(), households.versions(communityId, m.atDay(1), m.atEndOfMonth()),
                totals.stream().mapToInt(Totals::households).sum(), unranked, buildings);
    }

    @Operation(summary = "The caller's household among its community's households in a month (YYYY-MM): its rank and percentile "
            + "for emissions and reductions per member, the distribution, and anonymised neighbours in the ranking (a resident)")
    @Allowed(Role.RESIDENT)
    @GetMapping("/me/ranking")
    MyRanking mine(Caller caller, @RequestParam(required = false) @Nullable String month) {
        Caller.ResidentScope me = caller.requireResident();
        YearMonth m = Months.parse(month, "month", thisMonth(me.communityId()));
        List<String> versions = households.versions(me.communityId(), m.atDay(1), m.atEndOfMonth());
        List<HouseholdFigures> ranked = households.of(me.communityId(), m).stream().filter(HouseholdFigures::ranked).toList();
        HouseholdFigures mine = ranked.stream().filter(h -> h.householdId().equals(me.householdId())).findFirst().orElse(null);
        if (mine == null) {
            return new MyRanking(me.communityId(), me.householdId(), m.toString(), false,
                    "not ranked this month: the registry has not told its members, or its meters sent no readings", ranked.size(),
                    null, null, null, null, null, null, null, List.of(), versions);
        }
        List<BigDecimal> emissions = ranked.stream().map(HouseholdFigures::emissionsPerMember).toList();
        List<BigDecimal> reductions = ranked.stream().map(HouseholdFigures::reductionsPerMember).toList();
        int myRank = HouseholdMonths.rank(mine.emissionsPerMember(), emissions, true);
        List<Peer> peers = new ArrayList<>();
        if (ranked.size() >= MIN_PEERS) {
            List<HouseholdFigures> order = new ArrayList<>(ranked);
            order.sort(Comparator.comparing(HouseholdFigures::emissionsPerMember)
                    .thenComparing(h -> !h.householdId().equals(me.householdId())));
            int at = order.indexOf(mine);
            for (int i = Math.max(0, at - NEIGHBOURS); i <= Math.min(order.size() - 1, at + NEIGHBOURS); i++) {
                HouseholdFigures peer = order.get(i);
                peers.add(new Peer(HouseholdMonths.rank(peer.emissionsPerMember(), emissions, true), kg(peer.emissionsPerMember()),
                        kg(peer.reductionsPerMember()), peer == mine));
            }
        }
        return new MyRanking(me.communityId(), me.householdId(), m.toString(), true, null, ranked.size(),
                kg(mine.emissionsPerMember()), kg(mine.reductionsPerMember()), myRank,
                HouseholdMonths.percentile(mine.emissionsPerMember(), emissions, true),
                HouseholdMonths.rank(mine.reductionsPerMember(), reductions, false),
                HouseholdMonths.percentile(mine.reductionsPerMember(), reductions, false),
                ranked.size() >= MIN_PEERS ? distribution(emissions) : null, peers, versions);
    }

    @Operation(summary = "The communities of the caller's street ranked in a month (YYYY-MM) by emissions and reductions per member "
            + "(a street office: the communities of its token; an admin names them in communities, at most 50)")
    @Allowed({Role.STREET_OFFICE, Role.ADMIN})
    @GetMapping("/street/communities/ranking")
    StreetRanking street(Caller caller, @RequestParam(required = false) @Nullable String month,
            @RequestParam(required = false) @Nullable List<String> communities) {
        List<String> ids;
        if (caller.has(Role.STREET_OFFICE)) {
            ids = new ArrayList<>(new TreeSet<>(caller.communityIds()));
        }
        else {
            if (communities == null || communities.isEmpty()) {
                throw new ContractViolation("communities", "name the communities to rank");
            }
            ids = new ArrayList<>(new TreeSet<>(communities));
        }
        if (ids.size() > MAX_COMMUNITIES) {
            throw new ContractViolation("communities", "at most " + MAX_COMMUNITIES + " communities");
        }
        ids.forEach(id -> Require.identifier(id, "communities"));
        YearMonth m = Months.parse(month, "month", YearMonth.from(LocalCalendar.dayOf(clock.instant(), catalog.zoneOf(ids.isEmpty()
                ? "" : ids.get(0)))));
        record Raw(String id, int households, int members, BigDecimal emissions, BigDecimal reductions) {
        }
        List<Raw> raws = new ArrayList<>();
        for (String id : ids) {
            List<HouseholdFigures> ranked = households.of(id, m).stream().filter(HouseholdFigures::ranked).toList();
            raws.add(new Raw(id, ranked.size(), ranked.stream().mapToInt(h -> h.members()).sum(),
                    ranked.stream().map(HouseholdFigures::emissions).reduce(BigDecimal.ZERO, BigDecimal::add),
                    ranked.stream().map(HouseholdFigures::reductions).reduce(BigDecimal.ZERO, BigDecimal::add)));
        }
        List<BigDecimal> emissions = raws.stream().filter(r -> r.members() > 0).map(r -> perMember(r.emissions(), r.members())).toList();
        List<BigDecimal> reductions = raws.stream().filter(r -> r.members() > 0).map(r -> perMember(r.reductions(), r.members())).toList();
        List<CommunityFigures> figures = raws.stream().map(r -> {
            boolean any = r.members() > 0;
            BigDecimal e = any ? perMember(r.emissions(), r.members()) : null;
            BigDecimal d = any ? perMember(r.reductions(), r.members()) : null;
            return new CommunityFigures(r.id(), r.households(), r.members(), kg(r.emissions()), e == null ? null : kg(e),
                    kg(r.reductions()), d == null ? null : kg(d), e == null ? null : HouseholdMonths.rank(e, emissions, true),
                    d == null ? null : HouseholdMonths.rank(d, reductions, false));
        }).sorted(Comparator.comparing((CommunityFigures c) -> c.emissionsRank() == null ? Integer.MAX_VALUE : c.emissionsRank())
                .thenComparing(CommunityFigures::communityId)).toList();
        return new StreetRanking(caller.has(Role.STREET_OFFICE) ? caller.streetId() : null, m.toString(), figures);
    }

    private YearMonth thisMonth(String communityId) {
        return YearMonth.from(LocalCalendar.dayOf(clock.instant(), catalog.zoneOf(communityId)));
    }

    private static BigDecimal perMember(BigDecimal value, int members) {
        return value.divide(BigDecimal.valueOf(members), 6, RoundingMode.HALF_UP);
    }

    static Quantity kg(BigDecimal value) {
        return Quantity.of(value.setScale(3, RoundingMode.HALF_UP), Unit.KG_CO2E);
    }

    private static Distribution distribution(List<BigDecimal> values) {
        List<BigDecimal> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return new Distribution(kg(sorted.get(0)), kg(sorted.get((n - 1) / 4)), kg(HouseholdMonths.median(sorted)),
                kg(sorted.get((3 * (n - 1)) / 4)), kg(sorted.get(n - 1)));
    }
}
