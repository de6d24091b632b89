package org.communitycarbon.accounting.travel;

import java.math.BigDecimal;

/**
 * The modes a partner reports, with what a trip's plausibility and deduplication use of them.
 */
enum TravelMode {

    /** A shared or own bicycle. */
    BIKE(Family.CYCLING, "shared-bike", "30"),
    /** An electric bicycle. */
    E_BIKE(Family.CYCLING, "e-bike", "45"),
    /** A (electric) bus. */
    BUS(Family.TRANSIT, "electric-bus", "80"),
    /** Metro, light rail. */
    METRO(Family.TRANSIT, "metro", "120"),
    /** On foot. */
    WALK(Family.WALKING, "walk", "10");

    /**
     * What two reports of one journey may disagree on and still be the same trip: a transit card says METRO where a map
     * app says BUS for a journey that changed lines, a bike app's E_BIKE is a map app's BIKE.
     */
    enum Family {
        CYCLING, TRANSIT, WALKING
    }

    private final Family family;
    private final String factorKey;
    private final BigDecimal maxKmPerHour;

    TravelMode(Family family, String factorKey, String maxKmPerHour) {
        this.family = family;
        this.factorKey = factorKey;
        this.maxKmPerHour = new BigDecimal(maxKmPerHour);
    }

    Family family() {
        return family;
    }

    /** The {@code appliesTo} of the {@code GREEN_TRAVEL} factor that prices the mode. */
    String factorKey() {
        return factorKey;
    }

    /** The highest average speed a trip of the mode can have, door to door. */
    BigDecimal maxKmPerHour() {
        return maxKmPerHour;
    }
}
