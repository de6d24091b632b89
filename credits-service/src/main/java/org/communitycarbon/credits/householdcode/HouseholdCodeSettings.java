package org.communitycarbon.credits.householdcode;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How household codes are signed ({@code credits.household-code.*}).
 *
 * @param key the HMAC-SHA256 key, base64, at least 32 bytes ({@code CREDITS_HOUSEHOLD_CODE_KEY}); every instance of
 *        the service needs the same one. Empty: a key is made for this run and the service warns — codes shown before a
 *        restart no longer verify, and instances do not accept each other's codes — which suits a local run only
 * @param referenceValidity how long the reference a resolution answers can be used for a debit
 */
@ConfigurationProperties("credits.household-code")
public record HouseholdCodeSettings(@Nullable String key, @DefaultValue("PT10M") Duration referenceValidity) {

    public HouseholdCodeSettings {
        if (referenceValidity.compareTo(Duration.ofSeconds(10)) < 0 || referenceValidity.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("credits.household-code.reference-validity must be 10 s to 1 day, was "
                    + referenceValidity);
        }
    }
}
