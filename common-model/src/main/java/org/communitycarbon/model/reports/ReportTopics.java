package org.communitycarbon.model.reports;

import java.util.List;

/** The monthly report figures topic, keyed by community id. */
public final class ReportTopics {

    /** {@link MonthlyFiguresPublished}: one service's figures of one community for one month, each revision once. */
    public static final String MONTHLY_FIGURES = "reports.monthly-figures";

    /** Every topic here. */
    public static final List<String> ALL = List.of(MONTHLY_FIGURES);

    private ReportTopics() {
    }
}
