package org.communitycarbon.credits.merchant;


import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A user who acts for a merchant.
 *
 * @param subject the user's id at the identity provider (the {@code sub} of their tokens, which carry the role MERCHANT)
 */
record MerchantUserRequest(
        @Schema(description = "The user's id (token subject) at the identity provider", example = "merchant")
        @NotBlank @Size(max = 255) @Pattern(regexp = Texts.NO_CONTROL, message = Texts.NO_CONTROL_MESSAGE) String subject,
        @Schema(example = "Cashier Wang") @NotBlank @Size(max = 100)
        @Pattern(regexp = Texts.NO_CONTROL, message = Texts.NO_CONTROL_MESSAGE) String name) {
}
