package org.communitycarbon.support.reports;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether the service publishes its figures on a schedule (the admin endpoint works regardless)
 * @param interval how often the running month and the month just ended are counted again
 * @param initialDelay the first count after start
 */
@ConfigurationProperties("platform.reports")
public record MonthlyFiguresProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1h") Duration interval,
        @DefaultValue("1m") Duration initialDelay) {
}
