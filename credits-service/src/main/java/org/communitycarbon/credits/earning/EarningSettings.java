package org.communitycarbon.credits.earning;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Defaults of earning ({@code credits.earning.*}).
 *
 * @param defaultTimeZone where a community's days and months are counted when its rules do not say
 */
@ConfigurationProperties("credits.earning")
public record EarningSettings(@DefaultValue("Asia/Shanghai") ZoneId defaultTimeZone) {
}
