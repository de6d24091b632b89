package org.communitycarbon.recycling.pickup;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.recycling.Settlement;
import org.jspecify.annotations.Nullable;

/**
 * A pickup booking as the resident, the property company and the street office see it.
 *
 * @param categories the category codes to collect
 * @param estimatedWeightKg the resident's estimate, in kg
 * @param address where to collect; {@code null} for the household's own door
 * @param preferredFrom start of the resident's preferred window, or {@code null} for any time
 * @param preferredUntil end of the resident's preferred window, or {@code null} for any time
 * @param requestedAt when the booking was made
 * @param dispatchDueAt by when a recycler must be dispatched (1 hour after booking by default)
 * @param arrivalDueAt by when the recycler must be at the door (24 hours after booking by default, or the
 *        end of the preferred window if later)
 * @param recyclerId the recycler it is dispatched to, once it is
 * @param dispatchedAt when it was last dispatched (or reassigned)
 * @param cancelledBy who cancelled it: RESIDENT, RECYCLER
 * @param cancelReason why
 * @param settlementPreference cash or credits, as the resident chose when booking
 * @param items what the collector weighed, per category, with the rates that priced it
 * @param weighedKg the items' total weight
 * @param settlement cash or credits, as settled at collection
 * @param priceVersion the community's price version that priced the items; 0 for the catalogue's defaults
 * @param amountCny the cash paid; 0 when settled in credits
 * @param credits the credits owed; 0 when settled in cash
 * @param settledAt when it was settled (its collection)
 * @param rating the resident's stars, 1 to 5, once collected and rated
 * @param ratingComment the resident's comment with the rating
 * @param ratedAt when it was rated
 * @param scaleWeighings what the community's connected scales weighed for it, applied (settled with the collection) or
 *        rejected with the reason
 */
public record PickupView(UUID id, String communityId, String householdId, List<String> categories,
        BigDecimal estimatedWeightKg, @Nullable String address, @Nullable Instant preferredFrom,
        @Nullable Instant preferredUntil, @Nullable String note, PickupStatus status, Instant requestedAt,
        Instant dispatchDueAt, Instant arrivalDueAt, @Nullable String recyclerId, @Nullable Instant dispatchedAt,
        @Nullable Instant acceptedAt, @Nullable Instant departedAt, @Nullable Instant collectedAt,
        @Nullable Instant cancelledAt, @Nullable String cancelledBy, @Nullable String cancelReason,
        @Nullable Settlement settlementPreference, List<WeighedItemView> items, @Nullable BigDecimal weighedKg,
        @Nullable Settlement settlement, @Nullable Integer priceVersion, @Nullable BigDecimal amountCny, @Nullable Long credits,
        @Nullable Instant settledAt, @Nullable Integer rating, @Nullable String ratingComment, @Nullable Instant ratedAt,
        List<ScaleWeighingView> scaleWeighings) {

    static PickupView of(PickupBooking booking) {
        return new PickupView(booking.id(), booking.communityId(), booking.householdId(), booking.categories(),
                booking.estimatedWeightKg(), booking.address(), booking.preferredFrom(), booking.preferredUntil(),
                booking.note(), booking.status(), booking.requestedAt(), booking.dispatchDueAt(), booking.arrivalDueAt(),
                booking.recyclerId(), booking.dispatchedAt(), booking.acceptedAt(), booking.departedAt(), booking.collectedAt(),
                booking.cancelledAt(), booking.cancelledBy(), booking.cancelReason(), booking.settlementPreference(),
                booking.items(), booking.weighedKg(), booking.settlement(), booking.priceVersion(), booking.amountCny(),
                booking.credits(), booking.settledAt(), booking.rating(), booking.ratingComment(), booking.ratedAt(),
                booking.scaleWeighings());
    }
}
