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
 * @param items the categories the collector weighed, each once; left out (or empty) when the community's connected scales
 *        weighed the goods — a category a scale weighed for the pickup is not given again
 * @param settlement how the resident is paid, when they choose now (or change their mind); left out, what they chose
 *        when booking
 */
public record CollectRequest(
        @Schema(example = "[{\"category\": \"PAPER\", \"weightKg\": 3.2}]", description = "1 to 20 categories the collector "
                + "weighed; left out or empty when a connected scale weighed the goods, whose weighings then settle the pickup")
        @Nullable @Size(max = 20) List<@Valid @NotNull WeighedItem> items,
        @Schema(example = "CREDITS", description = "CASH or CREDITS; left out, the resident's choice when booking, required "
                + "when they made none")
        @Nullable Settlement settlement) {
}
