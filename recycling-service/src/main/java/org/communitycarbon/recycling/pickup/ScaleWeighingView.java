package org.communitycarbon.recycling.pickup;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A connected scale's weighing as recorded: applied to its pickup, or rejected with the reason.
 *
 * @param deviceId the scale, a {@code recycling-scale} device of the community
 * @param weighingId the scale's own id of the weighing, unique per scale
 * @param pickupId the pickup the scale named
 * @param weightKg what the scale showed, in kg
 * @param measuredAt when the scale weighed, by its clock
 * @param recordedAt when the recycling service recorded it
 * @param reason why it was not applied; {@code null} when applied
 * @param detail the reason in words
 */
public record ScaleWeighingView(
        @Schema(example = "scale-dp9") String deviceId,
        @Schema(example = "w-000184") String weighingId,
        UUID pickupId,
        @Schema(example = "PAPER") String category,
        @Schema(example = "2.0") BigDecimal weightKg,
        Instant measuredAt,
        Instant recordedAt,
        ScaleWeighingOutcome outcome,
        @Nullable ScaleWeighingReason reason,
        @Schema(example = "pickup 0b7c… is CANCELLED; a scale weighs a pickup that is DISPATCHED, ACCEPTED or ON_THE_WAY")
        @Nullable String detail) {
}
