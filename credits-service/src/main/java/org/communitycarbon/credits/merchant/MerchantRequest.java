package org.communitycarbon.credits.merchant;


import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A merchant the property manager onboards. */
record MerchantRequest(
        @Schema(example = "Maple Court community supermarket") @NotBlank @Size(max = 100)
        @Pattern(regexp = Texts.NO_CONTROL, message = Texts.NO_CONTROL_MESSAGE) String name) {
}
