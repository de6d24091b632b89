package org.communitycarbon.credits.redemption;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A catalogue item as the property manager writes it. Names are bounded and free of control characters (they end up
 * in the hash-chained ledger entry's reason); the price fits the ledger's integers, the stock the column.
 */
record CatalogueItemRequest(
        @Schema(example = "MERCHANT_GOODS") @NotNull ItemKind kind,
        @Schema(example = "五常大米 5 公斤") @NotBlank @Size(max = 100) @Pattern(regexp = NO_CONTROL, message = NO_CONTROL_MESSAGE) String nameZh,
        @Schema(example = "Wuchang rice, 5 kg") @NotBlank @Size(max = 100) @Pattern(regexp = NO_CONTROL, message = NO_CONTROL_MESSAGE) String nameEn,
        @Schema(description = "Credits for one", example = "5000") @NotNull @Min(1) @Max(100_000_000) Long price,
        @Schema(description = "How many can still be redeemed", example = "40") @NotNull @Min(0) @Max(1_000_000) Integer stock,
        @Schema(example = "2026-12-01T00:00:00+08:00") @NotNull Instant validFrom,
        @Schema(description = "Exclusive; after validFrom", example = "2027-01-01T00:00:00+08:00") @NotNull Instant validUntil) {

    static final String NO_CONTROL = "[^\\p{Cntrl}]*";
    static final String NO_CONTROL_MESSAGE = "must not contain control characters";
}
