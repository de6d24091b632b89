package org.communitycarbon.recycling.pickup;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why a pickup is cancelled, shown to the other side and kept with the booking. */
public record CancelRequest(@Schema(example = "Sold the boxes to a neighbour") @NotBlank @Size(max = 200) String reason) {
}
