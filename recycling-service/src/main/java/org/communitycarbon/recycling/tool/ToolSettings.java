package org.communitycarbon.recycling.tool;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What one booking of a shared tool may be.
 *
 * @param longest the longest booking
 * @param ahead how far ahead a booking may start
 * @param activePerHousehold bookings a household may hold at once, not yet returned nor cancelled
 * @param zone the zone whose local days overdue reminders are counted in for a community the registry has not named
 *        (one reminder per booking and local day)
 */
@ConfigurationProperties("recycling.tools")
record ToolSettings(@DefaultValue("P7D") Duration longest, @DefaultValue("P60D") Duration ahead,
        @DefaultValue("3") int activePerHousehold, @DefaultValue("Asia/Shanghai") ZoneId zone) {

    ToolSettings {
        if (longest.isNegative() || longest.isZero() || ahead.isNegative() || activePerHousehold < 1 || activePerHousehold > 100) {
            throw new IllegalArgumentException("recycling.tools: longest positive, ahead not negative, active-per-household 1 to 100");
        }
    }
}
