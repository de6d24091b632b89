package org.communitycarbon.recycling.catalog;

import java.math.BigDecimal;

import org.hibernate.annotations.Immutable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A recycling category as stored; read-only here, its rows come from the migrations. */
@Entity
@Immutable
@Table(name = "recycling_category")
class RecyclingCategory {

    @Id
    private String code;

    @Column(name = "name_en")
    private String nameEn;

    @Column(name = "name_zh")
    private String nameZh;

    @Column(name = "examples_en")
    private String examplesEn;

    @Column(name = "examples_zh")
    private String examplesZh;

    @Column(name = "price_per_kg_cny")
    private BigDecimal pricePerKgCny;

    @Column(name = "credits_per_kg")
    private int creditsPerKg;

    @Column(name = "sort_order")
    private int sortOrder;

    protected RecyclingCategory() {
    }

    String code() {
        return code;
    }

    String nameEn() {
        return nameEn;
    }

    String nameZh() {
        return nameZh;
    }

    String examplesEn() {
        return examplesEn;
    }

    String examplesZh() {
        return examplesZh;
    }

    BigDecimal pricePerKgCny() {
        return pricePerKgCny;
    }

    int creditsPerKg() {
        return creditsPerKg;
    }
}
