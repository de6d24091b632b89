package org.communitycarbon.credits.householdcode;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a merchant or the property team learns by scanning a household code: a reference they can debit with until it
 * expires, the household's community and pseudonym — not the household, its balance or its history.
 */
record Resolution(
        @Schema(description = "For a debit by the same caller until expiresAt", example = "CCR1.0J2tq...") String reference,
        @Schema(example = "maple-court") String communityId,
        @Schema(example = "HH-1A2B3C4D") String householdRef,
        Instant expiresAt) {
}
