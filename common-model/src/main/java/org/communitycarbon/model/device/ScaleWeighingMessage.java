package org.communitycarbon.model.device;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.Require;
import org.communitycarbon.model.sensing.ScaleWeighingReported;
import org.jspecify.annotations.Nullable;

/**
 * A connected scale's {@code weighing}: the goods of one category weighed for a pickup. The collector's app pairs the
 * scale with the order (it scans the order's QR code), so the scale names the pickup; {@code weighingId} is the scale's
 * own number for the weighing, unique per scale, so a weighing sent again is recognised as the same one.
 *
 * @param pickupId the pickup booking the goods belong to
 * @param weighingId the scale's id of this weighing, 1 to 64 letters, digits, '.', '_', ':' or '-'
 * @param category the recycling category, e.g. {@code PAPER}: capitals and underscores, as the catalogue names them
 * @param weight in kg: above 0, at most 1000, at most 3 decimal places (the bounds of a collector's entry)
 */
public record ScaleWeighingMessage(
        @Nullable Instant dateObserved,
        @Nullable String weighingId,
        @Nullable UUID pickupId,
        @Nullable String category,
        @Nullable BigDecimal weight) {

    public ScaleWeighingMessage {
        Require.present(dateObserved, "dateObserved");
        Require.identifier(weighingId, "weighingId");
        Require.present(pickupId, "pickupId");
        ScaleWeighingReported.checkCategory(category, "category");
        weight = ScaleWeighingReported.checkWeight(weight, "weight");
    }
}
