package org.communitycarbon.model.recycling;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;
import org.jspecify.annotations.Nullable;

/**
 * A collected pickup was weighed and settled: the household is paid {@code amountCny} in cash or {@code credits} in
 * credits, whichever it chose, for {@code items} at the rates of the community's price version {@code priceVersion}.
 * Once per pickup (its event id derives from the pickup's), so a consumer that records it under its event id turns
 * the weights into a reduction, and the credits into a ledger entry, once.
 *
 * <p>The amounts follow from the items: the cash is the sum of weight × price per kg rounded half up to the fen, the
 * credits the sum of weight × credits per kg rounded half up to a whole credit; the side not chosen is 0.
 *
 * @param occurredAt when the collector recorded the weights (the pickup's collection)
 * @param pickupId the pickup
 * @param householdId the household paid
 * @param recyclerId the recycler that collected
 * @param settlement cash or credits
 * @param priceVersion the community's price version in force at collection; 0 for the catalogue's defaults
 * @param items each category weighed, once
 * @param totalWeight the sum of the items' weights, {@code KG}
 * @param amountCny the cash paid, CNY; 0 when settled in credits
 * @param credits the credits owed, {@code CREDIT}; 0 when settled in cash
 * @param bookedBy the account subject (the token's {@code sub}) of the resident who booked the pickup for their household,
 *        so the recycled goods can be that person's; optional and added without a new schema version: {@code null} for a
 *        pickup booked by someone else for the household, booked before the service kept its booker, and in events
 *        written before the field existed. Only services of the platform read it: it is turned into a pseudonym
 *        before anything about the person is published.
 */
public record PickupSettled(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        UUID pickupId,
        String householdId,
        String recyclerId,
        Settlement settlement,
        int priceVersion,
        List<SettledItem> items,
        Quantity totalWeight,
        BigDecimal amountCny,
        Quantity credits,
        @Nullable String bookedBy) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** A settlement naming no booker (the record's shape before {@code bookedBy}). */
    public PickupSettled(UUID eventId, int schemaVersion, String communityId, Instant occurredAt, UUID pickupId,
            String householdId, String recyclerId, Settlement settlement, int priceVersion, List<SettledItem> items,
            Quantity totalWeight, BigDecimal amountCny, Quantity credits) {
        this(eventId, schemaVersion, communityId, occurredAt, pickupId, householdId, recyclerId, settlement, priceVersion,
                items, totalWeight, amountCny, credits, null);
    }

    /** Most categories in one pickup. */
    public static final int MAX_ITEMS = 20;

    private static final BigDecimal MIN_WEIGHT = new BigDecimal("0.001");
    private static final BigDecimal MAX_WEIGHT = new BigDecimal("1000");
    private static final BigDecimal MAX_PRICE = new BigDecimal("10000");

    /** One settlement per pickup. */
    public static UUID eventIdOf(UUID pickupId) {
        return EventIds.of("pickup-settled", pickupId.toString());
    }

    /** The cash a set of items is worth: the sum of weight × price per kg, half up to the fen. */
    public static BigDecimal cashFor(List<SettledItem> items) {
        return items.stream().map(item -> item.weight().value().multiply(item.pricePerKgCny()))
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
    }

    /** The credits a set of items is worth: the sum of weight × credits per kg, half up to a whole credit. */
    public static BigDecimal creditsFor(List<SettledItem> items) {
        return items.stream().map(item -> item.weight().value().multiply(BigDecimal.valueOf(item.creditsPerKg())))
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(0, RoundingMode.HALF_UP);
    }

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        Require.present(pickupId, "pickupId");
        Require.identifier(householdId, "householdId");
        Require.identifier(recyclerId, "recyclerId");
        if (bookedBy != null) {
            Require.identifier(bookedBy, "bookedBy");
        }
        Require.present(settlement, "settlement");
        if (priceVersion < 0 || priceVersion > 1_000_000) {
            throw new ContractViolation("priceVersion", "must be between 0 and 1000000, was " + priceVersion);
        }
        Require.present(items, "items");
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new ContractViolation("items", "must hold 1 to " + MAX_ITEMS + " items");
        }
        Set<String> categories = new HashSet<>();
        BigDecimal weighed = BigDecimal.ZERO;
        for (int i = 0; i < items.size(); i++) {
            String at = "items[" + i + "]";
            SettledItem item = Require.present(items.get(i), at);
            if (!categories.add(Require.identifier(item.category(), at + ".category"))) {
                throw new ContractViolation(at + ".category", "category " + item.category() + " appears twice");
            }
            Quantity weight = Require.unit(item.weight(), at + ".weight", Unit.KG);
            exact(weight.value(), at + ".weight.value", MIN_WEIGHT, MAX_WEIGHT, 3);
            exact(item.pricePerKgCny(), at + ".pricePerKgCny", BigDecimal.ZERO, MAX_PRICE, 2);
            if (item.creditsPerKg() < 0 || item.creditsPerKg() > 100_000) {
                throw new ContractViolation(at + ".creditsPerKg", "must be between 0 and 100000, was " + item.creditsPerKg());
            }
            weighed = weighed.add(weight.value());
        }
        Quantity total = Require.unit(totalWeight, "totalWeight", Unit.KG);
        if (Require.present(total.value(), "totalWeight.value").compareTo(weighed) != 0) {
            throw new ContractViolation("totalWeight", "must be the items' " + weighed.toPlainString() + " kg, was "
                    + Require.show(total.value()));
        }
        Require.present(amountCny, "amountCny");
        Quantity owed = Require.unit(credits, "credits", Unit.CREDIT);
        BigDecimal cash = settlement == Settlement.CASH ? cashFor(items) : BigDecimal.ZERO;
        BigDecimal points = settlement == Settlement.CREDITS ? creditsFor(items) : BigDecimal.ZERO;
        if (amountCny.compareTo(cash) != 0) {
            throw new ContractViolation("amountCny", "must be " + cash.toPlainString() + " for a " + settlement
                    + " settlement of these items, was " + Require.show(amountCny));
        }
        if (owed.value().compareTo(points) != 0) {
            throw new ContractViolation("credits", "must be " + points.toPlainString() + " for a " + settlement
                    + " settlement of these items, was " + Require.show(owed.value()));
        }
    }

    private static void exact(BigDecimal value, String field, BigDecimal min, BigDecimal max, int scale) {
        BigDecimal rounded = Require.decimal(value, field, min, max, scale);
        if (rounded.compareTo(value) != 0) {
            throw new ContractViolation(field, "must have at most " + scale + " decimal places, was " + Require.show(value));
        }
    }
}
