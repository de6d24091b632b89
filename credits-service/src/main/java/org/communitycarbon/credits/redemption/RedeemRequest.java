package org.communitycarbon.credits.redemption;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** What a resident redeems; the household and community are the caller's, never the body's. */
record RedeemRequest(
        @Schema(description = "An item of the caller's community's catalogue", example = "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f")
        @NotNull UUID itemId,
        @Schema(description = "How many; 1 when absent", example = "1", minimum = "1", maximum = "100")
        @Min(1) @Max(100) Integer quantity) {

    RedeemRequest {
        if (quantity == null) {
            quantity = 1;
        }
    }
}
