package org.communitycarbon.recycling.pickup;

import java.util.List;

import org.communitycarbon.model.recycling.Settlement;
import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What the collector records at the door.
 *
 * @param items the weighed categories, each once
 * @param settlement how the resident is paid, when they choose now (or change their mind); left out, what they chose
 *        when booking
 */
public record CollectRequest(
        @Schema(example = "[{\"category\": \"PAPER\", \"weightKg\": 3.2}]")
        @NotNull @Size(min = 1, max = 20) List<@Valid @NotNull WeighedItem> items,
        @Schema(example = "CREDITS", description = "CASH or CREDITS; left out, the resident's choice when booking, required "
                + "when they made none")
        @Nullable Settlement settlement) {
}
