package org.communitycarbon.credits.redemption;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Why the property manager reverses a redemption; it goes into the reversal's ledger entry. */
record ReversalRequest(
        @Schema(example = "merchant could not deliver") @NotBlank @Size(max = 200)
        @Pattern(regexp = CatalogueItemRequest.NO_CONTROL, message = CatalogueItemRequest.NO_CONTROL_MESSAGE) String reason) {
}
