package org.communitycarbon.recycling.recycler;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A collector (or dispatcher) of a recycling company.
 *
 * @param name how the collector is shown
 * @param subject the collector's user id at the identity provider (the {@code sub} of their tokens, which carry the
 *        role RECYCLER)
 */
public record CollectorRequest(
        @Schema(example = "Wang Lei") @NotBlank @Size(max = 100) String name,
        @Schema(example = "5b0f7c1e-2d1a-4c9e-9f3b-8f1d2c3b4a59", description = "The user's id (token subject) at the identity provider")
        @NotBlank @Size(max = 255) String subject) {
}
