package org.communitycarbon.ops.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.communitycarbon.model.Unit;
import org.communitycarbon.model.reports.ReportSource;
import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A monthly report of one or more communities: each community's indicators, their total, a comparison and, per
 * source, what it was composed from. Aggregates only: no household.
 *
 * @param month the calendar month, cut in each community's time zone
 * @param generatedAt when it was composed
 * @param scope {@code COMMUNITIES} for an answer of the API; {@code COMMUNITY} or {@code STREET} for a kept report
 * @param scopeId the community or street of a kept report; null for an answer of the API
 * @param revision the kept report's revision; 0 for an answer of the API
 * @param complete whether every source published the month complete for every community
 * @param indicators what each indicator is, in the order of the report
 * @param communities each community, in the order asked (by id by default)
 * @param total the communities together: counts summed, rates composed from the sums
 * @param comparison each indicator's ranking of the communities (1 = the best; a community without a value is not ranked)
 */
@Schema(description = "A monthly report of communities: indicators per community, their total, a ranking, and the sources")
record MonthlyReport(
        String month,
        Instant generatedAt,
        String scope,
        @Nullable String scopeId,
        int revision,
        boolean complete,
        List<IndicatorInfo> indicators,
        List<Area> communities,
        Area total,
        List<Ranking> comparison) {

    /**
     * @param key the indicator's name in {@code indicators} of a community and of the total
     * @param better {@code HIGHER} or {@code LOWER}: how the comparison ranks
     * @param formula how it is composed from the figures of {@code reports.monthly-figures}
     */
    record IndicatorInfo(String key, String nameZh, String nameEn, Unit unit, String better, List<ReportSource> sources,
            String formula) {
    }

    /**
     * A community, or the communities together (the total).
     *
     * @param communityId the community; null for the total
     * @param streetId the community's street, if the registry names one
     * @param communityIds the communities it covers
     * @param indicators each indicator's value; null when missing (a source not published, or nothing to divide by)
     * @param figures the summed figures it was composed from, of the sources published
     * @param sources each source: its revision and whether it published the month complete, or MISSING
     */
    record Area(
            @Nullable String communityId,
            @Nullable String streetId,
            List<String> communityIds,
            Map<String, @Nullable BigDecimal> indicators,
            Map<String, BigDecimal> figures,
            List<SourceStatus> sources) {
    }

    /**
     * @param status {@code COMPLETE} (the month was over when counted), {@code RUNNING} (counted during the month) or
     *        {@code MISSING} (not published: its indicators are missing, never 0)
     * @param revision the revision used (of a community); null for the total or when missing
     * @param countedAt when the source counted it (of a community)
     * @param missingIn of the total: the communities the source has not published
     */
    record SourceStatus(ReportSource source, String status, @Nullable Integer revision, @Nullable Instant countedAt,
            List<String> missingIn) {
    }

    /** One indicator's ranking; the communities in rank order, those without a value last. */
    record Ranking(String indicator, List<Rank> ranks) {
    }

    record Rank(String communityId, @Nullable BigDecimal value, @Nullable Integer rank) {
    }
}
