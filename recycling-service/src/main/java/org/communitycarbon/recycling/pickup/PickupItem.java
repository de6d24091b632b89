package org.communitycarbon.recycling.pickup;

import java.math.BigDecimal;
import java.util.List;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

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

    @Enumerated(EnumType.STRING)
    private WeighedBy source;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "scale_devices")
    private String @Nullable [] scaleDevices;

    protected PickupItem() {
    }

    WeighedItemView view() {
        return new WeighedItemView(category, weightKg, pricePerKgCny, creditsPerKg, source,
                scaleDevices == null ? List.of() : List.of(scaleDevices));
    }
}
