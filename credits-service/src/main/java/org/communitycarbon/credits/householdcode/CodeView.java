package org.communitycarbon.credits.householdcode;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A household's current code as the app shows it.
 *
 * @param code the QR payload: signed, carrying a random code id, never the household id
 * @param householdRef the household's pseudonym, what merchants see on their receipts
 */
record CodeView(
        @Schema(example = "CC1.q2Jm7Jw3c0G8T1bq4C1yJA.9dYQ3xg0mJx3m3V2r2zF0m6x0f5O9cT3bVv1yS1qk2E") String code,
        @Schema(example = "maple-court") String communityId,
        @Schema(example = "HH-1A2B3C4D") String householdRef,
        Instant issuedAt) {
}
