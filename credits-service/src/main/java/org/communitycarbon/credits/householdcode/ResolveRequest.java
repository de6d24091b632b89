package org.communitycarbon.credits.householdcode;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A scanned household code. */
record ResolveRequest(
        @Schema(description = "The QR payload as scanned", example = "CC1.q2Jm7Jw3c0G8T1bq4C1yJA.9dYQ3xg0mJx3m3V2r2zF0m6x0f5O9cT3bVv1yS1qk2E")
        @NotBlank @Size(max = 128) String code) {
}
