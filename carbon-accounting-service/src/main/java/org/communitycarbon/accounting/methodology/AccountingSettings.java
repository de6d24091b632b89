package org.communitycarbon.accounting.methodology;

import java.time.ZoneId;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param timeZone where a community's days begin and end
 * @param defaultMethodology the methodology of a community not listed in {@code communities}
 * @param communities community id → methodology id
 * @param methodologies methodology id → factors
 */
@ConfigurationProperties("accounting")
public record AccountingSettings(
        @DefaultValue("Asia/Shanghai") ZoneId timeZone,
        String defaultMethodology,
        @DefaultValue Map<String, String> communities,
        Map<String, Methodology> methodologies) {

    public AccountingSettings {
        communities = Map.copyOf(communities);
        methodologies = Map.copyOf(methodologies);
        if (!methodologies.containsKey(defaultMethodology)) {
            throw new IllegalArgumentException("accounting.default-methodology '" + defaultMethodology
                    + "' is not among accounting.methodologies " + methodologies.keySet());
        }
        for (Map.Entry<String, String> community : communities.entrySet()) {
            if (!methodologies.containsKey(community.getValue())) {
                throw new IllegalArgumentException("accounting.communities." + community.getKey()
                        + " names unknown methodology '" + community.getValue() + "'");
            }
        }
    }

    /** The methodology a community uses, with its id. */
    public NamedMethodology methodologyOf(String communityId) {
        String id = communities.getOrDefault(communityId, defaultMethodology);
        return new NamedMethodology(id, methodologies.get(id));
    }

    /** A methodology and the id it is configured under. */
    public record NamedMethodology(String id, Methodology factors) {
    }
}
