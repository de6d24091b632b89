package org.communitycarbon.recycling.price;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How price versions are dated.
 *
 * @param zone the zone whose calendar a version's effective date is read in (the communities' local time)
 * @param maxDaysAhead how far ahead a version may be published, in days
 */
@ConfigurationProperties("recycling.prices")
public record PriceSettings(@DefaultValue("Asia/Shanghai") ZoneId zone, @DefaultValue("366") int maxDaysAhead) {

    public PriceSettings {
        if (maxDaysAhead < 0 || maxDaysAhead > 3660) {
            throw new IllegalArgumentException("recycling.prices.max-days-ahead must be 0 to 3660");
        }
    }
}
