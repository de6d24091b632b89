package org.communitycarbon.support.reports;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.communitycarbon.model.reports.MonthlyFigure;
import org.communitycarbon.model.reports.MonthlyFigureNames;
import org.communitycarbon.model.reports.ReportSource;

/**
 * What a service counts for the monthly reports. Declare one as a bean and the platform publishes its figures: see
 * {@link MonthlyFiguresPublisher}.
 */
public interface MonthlyFiguresSource {

    /** Which service counts. */
    ReportSource source();

    /** The communities this service holds figures of, with the time zone each month is cut in. */
    List<ReportedCommunity> communities();

    /**
     * The figures of a community between {@code from} (the month's first local midnight) and {@code to} (the next
     * month's, or now for the running month), in one read-only transaction. Counts and totals only (see
     * {@link MonthlyFigureNames}); a figure with nothing to count is 0, not left out.
     */
    List<MonthlyFigure> figures(String communityId, Instant from, Instant to);

    /** A community and its time zone. */
    record ReportedCommunity(String id, ZoneId zone) {
    }
}
