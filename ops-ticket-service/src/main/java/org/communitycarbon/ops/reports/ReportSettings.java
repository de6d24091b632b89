package org.communitycarbon.ops.reports;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Monthly reports (docs/operations.md, monthly reports).
 *
 * @param keepAfter how long after a month ended a community's report is kept even though a source has not published
 *        the month complete (3 days); it is then marked incomplete, and kept again as a new revision when the rest arrives
 * @param keepInterval how often the reports due are looked for and kept (1 hour)
 * @param keepEnabled whether the scheduled keeping runs (the tests call it themselves)
 */
@ConfigurationProperties("ops.reports")
public record ReportSettings(
        @DefaultValue("3d") Duration keepAfter,
        @DefaultValue("1h") Duration keepInterval,
        @DefaultValue("true") boolean keepEnabled) {
}
