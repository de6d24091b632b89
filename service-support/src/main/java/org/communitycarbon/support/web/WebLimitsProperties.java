package org.communitycarbon.support.web;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large request bodies may be ({@link RequestBodyLimit}).
 *
 * @param maxBodySize the limit of every path not named in {@code bodySizeLimits} (64 KB)
 * @param bodySizeLimits larger (or smaller) limits by path pattern, e.g. {@code /api/sensing/communities/*}{@code /inventory: 6MB}
 */
@ConfigurationProperties("platform.web")
public record WebLimitsProperties(@DefaultValue("64KB") DataSize maxBodySize, Map<String, DataSize> bodySizeLimits) {

    public WebLimitsProperties {
        // no @DefaultValue on a map (PITFALLS.md): absent means none
        bodySizeLimits = bodySizeLimits == null ? Map.of() : Map.copyOf(bodySizeLimits);
    }
}
