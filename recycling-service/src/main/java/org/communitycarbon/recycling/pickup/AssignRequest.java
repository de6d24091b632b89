package org.communitycarbon.recycling.pickup;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The recycler a property manager assigns a booking to.
 *
 * @param recyclerId a recycler serving the booking's community and taking all of its categories
 * @param reason why, for a reassignment
 */
public record AssignRequest(
        @Schema(example = "green-cycle") @NotNull @Pattern(regexp = "^[a-z0-9][a-z0-9-]{1,39}$") String recyclerId,
        @Schema(example = "The first recycler has no truck today") @Size(max = 200) @Nullable String reason) {
}
