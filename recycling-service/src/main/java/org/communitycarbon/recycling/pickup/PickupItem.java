package org.communitycarbon.recycling.pickup;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A category weighed at a pickup, with the rates that priced it, as stored (table {@code pickup_item}). */
@Embeddable
class PickupItem {

    private String category;

    @Column(name = "weight_kg")
    private BigDecimal weightKg;

    @Column(name = "price_per_kg_cny")
    private BigDecimal pricePerKgCny;

    @Column(name = "credits_per_kg")
    private int creditsPerKg;

    protected PickupItem() {
    }

    WeighedItemView view() {
        return new WeighedItemView(category, weightKg, pricePerKgCny, creditsPerKg);
    }
}
