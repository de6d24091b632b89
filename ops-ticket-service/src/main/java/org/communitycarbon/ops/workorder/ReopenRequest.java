package org.communitycarbon.ops.workorder;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Why a resolved or closed work order needs work again.
 *
 * @param reason 1 to 500 characters
 */
public record ReopenRequest(@NotBlank @Size(max = 500) String reason) {
}
