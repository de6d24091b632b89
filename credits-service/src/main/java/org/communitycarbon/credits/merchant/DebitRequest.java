package org.communitycarbon.credits.merchant;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What a merchant debits: the household named by its scanned code or by the reference a resolution gave (exactly one of
 * the two), the credits, and optionally the catalogue item sold (one is taken from its stock).
 */
record DebitRequest(
        @Schema(description = "The household code as scanned", example = "CC1.q2Jm7Jw3c0G8T1bq4C1yJA.9dYQ3xg0mJx3m3V2r2zF0m6x0f5O9cT3bVv1yS1qk2E")
        @Size(max = 128) @Nullable String code,
        @Schema(description = "Instead of the code: the reference POST /api/credits/household-codes/resolve answered")
        @Size(max = 128) @Nullable String reference,
        @Schema(description = "Credits to debit", example = "800", minimum = "1", maximum = "100000000")
        @NotNull @Min(1) @Max(100_000_000) Long amount,
        @Schema(description = "A catalogue item of the merchant's community sold with it; one is taken from its stock")
        @Nullable UUID itemId) {
}
