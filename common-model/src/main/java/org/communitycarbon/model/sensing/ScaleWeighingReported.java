package org.communitycarbon.model.sensing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;
import org.jspecify.annotations.Nullable;

/**
 * A connected scale ({@code recycling-scale}) weighed the goods of one category for a pickup. Whether the pickup exists,
 * is of the scale's community and may still be weighed is the recycling service's to decide; the sensing service only
 * vouches that the scale is a registered, active device of the community and that the message is well formed.
 * <p>
 * The event id is derived from the community, the scale and its {@code weighingId} ({@link #eventIdOf}), not from the
 * time: a weighing the scale sends again, even with another timestamp, is the same event.
 */
public record ScaleWeighingReported(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        Instant receivedAt,
        String deviceId,
        String weighingId,
        UUID pickupId,
        String category,
        Quantity weight) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** The lightest weighing: a gram. */
    public static final BigDecimal MIN_WEIGHT_KG = new BigDecimal("0.001");

    /** The heaviest: the bound of a collector's entry per category, and of the column that keeps it. */
    public static final BigDecimal MAX_WEIGHT_KG = new BigDecimal("1000");

    /** Decimal places of a weight: grams. */
    public static final int WEIGHT_SCALE = 3;

    /** A recycling category code, as the catalogue names them. */
    private static final Pattern CATEGORY = Pattern.compile("[A-Z][A-Z_]{0,39}");

    /** The id of the event made of a scale's weighing: the same scale and weighing id are the same event. */
    public static UUID eventIdOf(String communityId, String deviceId, String weighingId) {
        return EventIds.of(communityId, deviceId, "weighing", weighingId);
    }

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        Require.present(receivedAt, "receivedAt");
        Require.identifier(deviceId, "deviceId");
        Require.identifier(weighingId, "weighingId");
        Require.present(pickupId, "pickupId");
        checkCategory(category, "category");
        Require.unit(weight, "weight", Unit.KG);
        checkWeight(weight.value(), "weight.value");
    }

    /** A category code: 1 to 40 capitals and underscores, starting with a capital. */
    public static String checkCategory(@Nullable String category, String field) {
        Require.present(category, field);
        if (!CATEGORY.matcher(category).matches()) {
            throw new ContractViolation(field, "must be a category code of 1 to 40 capitals and underscores, such as PAPER, was '"
                    + Require.abbreviate(category, 40) + "'");
        }
        return category;
    }

    /** A weight above 0 and at most {@value #WEIGHT_SCALE}-decimal 1000 kg, refused rather than rounded. */
    public static BigDecimal checkWeight(@Nullable BigDecimal weight, String field) {
        BigDecimal checked = Require.between(weight, field, MIN_WEIGHT_KG, MAX_WEIGHT_KG);
        if (checked.scale() > WEIGHT_SCALE) {
            throw new ContractViolation(field, "must have at most " + WEIGHT_SCALE + " decimal places, was " + Require.show(checked));
        }
        return checked;
    }
}
