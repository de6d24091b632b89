package org.communitycarbon.accounting.baseline;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Evaluates households' months against their baselines ({@link BaselineRule}) from the rollups: three queries at most. */
@Component
class Baselines {

    private final BaselineQueries queries;
    private final FactorCatalog catalog;
    private final SavingsSettings settings;

    Baselines(BaselineQueries queries, FactorCatalog catalog, SavingsSettings settings) {
        this.queries = queries;
        this.catalog = catalog;
        this.settings = settings;
    }

    /** A household's month judged against its baseline. */
    record HouseholdMonth(String householdId, @Nullable Integer members, BaselineRule.Evaluation evaluation) {
    }

    /**
     * One household's month as it would be judged with {@code members} (in place of the registry's), and — when
     * {@code replacedIn} is that month — a meter replaced in it: what a recomputation compares before and after a change.
     */
    BaselineRule.Evaluation evaluateHousehold(String communityId, String householdId, YearMonth month, @Nullable Integer members,
            @Nullable YearMonth replacedIn) {
        NavigableMap<YearMonth, MonthFigures> history = queries.history(communityId, householdId, null, month)
                .getOrDefault(householdId, new TreeMap<>());
        if (replacedIn != null && history.containsKey(replacedIn)) {
            MonthFigures m = history.get(replacedIn);
            history.put(replacedIn, new MonthFigures(m.month(), m.kwh(), m.daysWithReadings(), m.flagged() + 1));
        }
        MonthFigures actual = history.getOrDefault(month, new MonthFigures(month, BigDecimal.ZERO.setScale(3), 0, 0));
        BaselineRule.PeerMedian peers = BaselineRule.baseline(month, history, null, members, settings) == null
                ? catalog.typeOf(communityId).map(type -> queries.peerMedian(type, month, settings.minCoverage())).orElse(null)
                : null;
        return BaselineRule.evaluate(actual, history, peers, members, settings);
    }

    /**
     * The month of one household (evaluated even without readings in it), or of every household of a building or the
     * community that has electricity readings in the month.
     */
    List<HouseholdMonth> evaluate(String communityId, @Nullable String householdId, @Nullable String buildingId, YearMonth month) {
        Map<String, NavigableMap<YearMonth, MonthFigures>> history = queries.history(communityId, householdId, buildingId, month);
        if (householdId != null) {
            history.computeIfAbsent(householdId, h -> new TreeMap<>());
        }
        Map<String, Integer> members = queries.members(communityId);
        List<HouseholdMonth> months = new ArrayList<>();
        BaselineRule.PeerMedian[] peers = {null};
        boolean[] peersAsked = {false};
        for (Map.Entry<String, NavigableMap<YearMonth, MonthFigures>> household : history.entrySet()) {
            MonthFigures actual = household.getValue().get(month);
            if (actual == null && householdId == null) {
                continue; // no readings this month: nothing to settle
            }
            if (actual == null) {
                actual = new MonthFigures(month, BigDecimal.ZERO.setScale(3), 0, 0);
            }
            Integer memberCount = members.get(household.getKey());
            // the peers' median is asked for only when a household needs it, once
            if (!peersAsked[0] && BaselineRule.baseline(month, household.getValue(), null, memberCount, settings) == null) {
                peersAsked[0] = true;
                peers[0] = catalog.typeOf(communityId).map(type -> queries.peerMedian(type, month, settings.minCoverage())).orElse(null);
            }
            months.add(new HouseholdMonth(household.getKey(), memberCount,
                    BaselineRule.evaluate(actual, household.getValue(), peers[0], memberCount, settings)));
        }
        return months;
    }
}
