package org.communitycarbon.recycling.pickup;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.communitycarbon.model.recycling.Settlement;
import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A resident's request for a free pickup. The household and community are the caller's, from the token;
 * a body naming them (or a status, or anything else not listed here) is refused.
 *
 * @param categories category codes from {@code GET /api/recycling/categories}; repeats count once
 * @param estimatedWeightKg the resident's estimate of the total weight, in kg
 * @param address where to collect, when not at the household's own door
 * @param preferredFrom start of the preferred window; given together with {@code preferredUntil}
 * @param preferredUntil end of the preferred window, after its start and within 14 days
 * @param note anything the recycler should know
 * @param settlement cash or credits for what is weighed, if the resident chooses now
 */
public record PickupRequest(
        @Schema(example = "[\"PAPER\", \"PLASTIC\"]", description = "Category codes from GET /api/recycling/categories")
        @NotNull @Size(min = 1, max = 20) List<@NotBlank String> categories,

        @Schema(example = "12.5", description = "Estimated total weight in kg: above 0, at most 1000, up to 3 decimals")
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000") @Digits(integer = 4, fraction = 3)
        BigDecimal estimatedWeightKg,

        @Schema(example = "Building 3, unit 2, room 501", description = "Where to collect; leave out for the household's own door")
        @Size(max = 200) @Nullable String address,

        @Schema(description = "Start of the preferred window; give both ends or neither (any time)")
        @Nullable Instant preferredFrom,

        @Schema(description = "End of the preferred window: after its start, in the future and within 14 days")
        @Nullable Instant preferredUntil,

        @Schema(example = "Boxes are by the door")
        @Size(max = 500) @Nullable String note,

        @Schema(example = "CREDITS", description = "How the household wants to be paid for what is weighed: CASH or CREDITS. "
                + "Left out, the resident tells the collector at the door")
        @Nullable Settlement settlement) {
}
