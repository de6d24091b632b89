package org.communitycarbon.recycling.pickup;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.recycling.PickupSettled;
import org.communitycarbon.model.recycling.Settlement;
import org.communitycarbon.model.recycling.SettledItem;
import org.communitycarbon.recycling.price.PriceListView;
import org.communitycarbon.recycling.price.PriceView;

/**
 * A collection's weighed items priced by a price version, and what the household is paid: the cash (sum of weight ×
 * price per kg, half up to the fen) or the credits (sum of weight × credits per kg, half up to a whole credit), the
 * other side 0 — the rules of {@link PickupSettled}.
 */
record Weighing(Settlement settlement, int priceVersion, List<SettledItem> items, BigDecimal totalKg, BigDecimal amountCny,
        long credits) {

    /**
     * Prices the items at {@code prices}.
     *
     * @param allowed the categories the collection may hold: the booking's and the recycler's
     * @throws ContractViolation naming the item at fault: a category not allowed, or weighed twice
     */
    static Weighing of(List<WeighedItem> weighed, Set<String> allowed, PriceListView prices, Settlement settlement) {
        List<SettledItem> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < weighed.size(); i++) {
            WeighedItem item = weighed.get(i);
            String field = "items[" + i + "].category";
            if (!allowed.contains(item.category())) {
                throw new ContractViolation(field, "category " + item.category() + " is neither booked nor taken by the recycler; "
                        + "possible are " + String.join(", ", allowed.stream().sorted().toList()));
            }
            if (!seen.add(item.category())) {
                throw new ContractViolation(field, "category " + item.category() + " is weighed twice; give its total once");
            }
            PriceView price = prices.priceOf(item.category())
                    .orElseThrow(() -> new ContractViolation(field, "category " + item.category() + " has no price"));
            items.add(new SettledItem(item.category(), Quantity.of(item.weightKg(), Unit.KG), price.pricePerKgCny(),
                    price.creditsPerKg()));
            total = total.add(item.weightKg());
        }
        BigDecimal cash = settlement == Settlement.CASH ? PickupSettled.cashFor(items) : BigDecimal.ZERO.setScale(2);
        long credits = settlement == Settlement.CREDITS ? PickupSettled.creditsFor(items).longValueExact() : 0;
        return new Weighing(settlement, prices.version(), List.copyOf(items), total, cash, credits);
    }
}
