package org.communitycarbon.ops.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.communitycarbon.model.reports.ReportSource;
import org.jspecify.annotations.Nullable;

/** Composes a {@link MonthlyReport} from the figures received; no database, no Spring. */
final class ReportComposer {

    static final String COMPLETE = "COMPLETE";
    static final String RUNNING = "RUNNING";
    static final String MISSING = "MISSING";

    private ReportComposer() {
    }

    /**
     * @param month the communities' month, in the order they are shown
     * @param previous the same communities' previous month, for the trend
     * @param streets each community's street, where known
     */
    static MonthlyReport compose(YearMonth yearMonth, List<ReceivedFigures.CommunityMonth> month,
            List<ReceivedFigures.CommunityMonth> previous, Map<String, String> streets, Instant now, String scope,
            @Nullable String scopeId, int revision) {
        Map<String, ReceivedFigures.CommunityMonth> before = new LinkedHashMap<>();
        previous.forEach(p -> before.put(p.communityId(), p));
        List<MonthlyReport.Area> areas = new ArrayList<>();
        boolean complete = !month.isEmpty();
        for (ReceivedFigures.CommunityMonth community : month) {
            ReceivedFigures.CommunityMonth earlier = before.get(community.communityId());
            Figures figures = Figures.of(community);
            Figures earlierFigures = earlier == null ? Figures.NONE : Figures.of(earlier);
            List<MonthlyReport.SourceStatus> sources = new ArrayList<>();
            for (ReportSource source : ReportSource.values()) {
                ReceivedFigures.SourceFigures got = community.sources().get(source);
                if (got == null) {
                    sources.add(new MonthlyReport.SourceStatus(source, MISSING, null, null, List.of()));
                    complete = false;
                }
                else {
                    sources.add(new MonthlyReport.SourceStatus(source, got.complete() ? COMPLETE : RUNNING, got.revision(),
                            got.countedAt(), List.of()));
                    complete &= got.complete();
                }
            }
            areas.add(new MonthlyReport.Area(community.communityId(), streets.get(community.communityId()),
                    List.of(community.communityId()), indicators(figures, earlierFigures), figures.values(), sources));
        }
        List<String> ids = month.stream().map(ReceivedFigures.CommunityMonth::communityId).toList();
        Figures sum = Figures.sum(month);
        Figures previousSum = previous.size() == month.size() ? Figures.sum(previous) : Figures.NONE;
        List<MonthlyReport.SourceStatus> totalSources = new ArrayList<>();
        for (ReportSource source : ReportSource.values()) {
            List<String> missingIn = month.stream().filter(m -> !m.sources().containsKey(source))
                    .map(ReceivedFigures.CommunityMonth::communityId).toList();
            boolean allComplete = month.stream().allMatch(m -> m.sources().containsKey(source) && m.sources().get(source).complete());
            String status = !missingIn.isEmpty() || month.isEmpty() ? MISSING : allComplete ? COMPLETE : RUNNING;
            totalSources.add(new MonthlyReport.SourceStatus(source, status, null, null, missingIn));
        }
        MonthlyReport.Area total = new MonthlyReport.Area(null, null, ids, indicators(sum, previousSum), sum.values(), totalSources);
        return new MonthlyReport(yearMonth.toString(), now, scope, scopeId, revision, complete, infos(), areas, total,
                comparison(areas));
    }

    static List<MonthlyReport.IndicatorInfo> infos() {
        return Indicator.ALL.stream().map(i -> new MonthlyReport.IndicatorInfo(i.key(), i.nameZh(), i.nameEn(), i.unit(),
                i.higherIsBetter() ? "HIGHER" : "LOWER", i.sources().stream().sorted().toList(), i.formula())).toList();
    }

    private static Map<String, @Nullable BigDecimal> indicators(Figures month, Figures previous) {
        Map<String, @Nullable BigDecimal> values = new LinkedHashMap<>();
        for (Indicator indicator : Indicator.ALL) {
            values.put(indicator.key(), indicator.valueOf(month, previous));
        }
        return values;
    }

    /** Ranks per indicator: 1 the best, equal values the same rank (1, 1, 3), communities without a value last, unranked. */
    private static List<MonthlyReport.Ranking> comparison(List<MonthlyReport.Area> areas) {
        List<MonthlyReport.Ranking> rankings = new ArrayList<>();
        for (Indicator indicator : Indicator.ALL) {
            List<MonthlyReport.Area> ranked = new ArrayList<>(areas.stream()
                    .filter(a -> a.indicators().get(indicator.key()) != null).toList());
            Comparator<MonthlyReport.Area> byValue = Comparator.comparing(a -> Objects.requireNonNull(a.indicators().get(indicator.key())));
            ranked.sort(indicator.higherIsBetter() ? byValue.reversed() : byValue);
            List<MonthlyReport.Rank> ranks = new ArrayList<>();
            for (int i = 0; i < ranked.size(); i++) {
                BigDecimal value = Objects.requireNonNull(ranked.get(i).indicators().get(indicator.key()));
                int rank = i + 1;
                if (i > 0 && value.compareTo(Objects.requireNonNull(ranks.get(i - 1).value())) == 0) {
                    rank = Objects.requireNonNull(ranks.get(i - 1).rank());
                }
                ranks.add(new MonthlyReport.Rank(Objects.requireNonNull(ranked.get(i).communityId()), value, rank));
            }
            for (MonthlyReport.Area area : areas) {
                if (area.indicators().get(indicator.key()) == null) {
                    ranks.add(new MonthlyReport.Rank(Objects.requireNonNull(area.communityId()), null, null));
                }
            }
            rankings.add(new MonthlyReport.Ranking(indicator.key(), ranks));
        }
        return rankings;
    }
}
