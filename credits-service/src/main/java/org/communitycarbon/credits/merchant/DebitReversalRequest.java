package org.communitycarbon.credits.merchant;


import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Why a merchant debit is given back; it goes into the reversal's ledger entry. */
record DebitReversalRequest(
        @Schema(example = "goods returned") @NotBlank @Size(max = 200)
        @Pattern(regexp = Texts.NO_CONTROL, message = Texts.NO_CONTROL_MESSAGE) String reason) {
}
