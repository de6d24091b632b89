package org.communitycarbon.accounting.methodology;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param timeZone where a community's days begin and end, until the registry has told its own
 * @param defaultMethodology the methodology of a community that has never been assigned one; a methodology of
 *        the database ({@code wuhan-pilot}, {@code mee-grid}... see {@link FactorCatalog})
 */
@ConfigurationProperties("accounting")
public record AccountingSettings(
        @DefaultValue("Asia/Shanghai") ZoneId timeZone,
        @DefaultValue("wuhan-pilot") String defaultMethodology) {
}
