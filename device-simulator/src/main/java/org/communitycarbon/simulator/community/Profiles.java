package org.communitycarbon.simulator.community;

/**
 * Daily shapes by local hour (index 0 = 00:00-01:00). Only their proportions matter: a day's total is
 * spread over the hours in proportion to these weights. They encode what a residential community in the
 * Yangtze delta does: a low night, a morning peak, a larger evening peak.
 */
final class Profiles {

    private Profiles() {
    }

    /** Household electricity: standby at night, breakfast, midday, the evening peak (cooking, TV, air conditioning). */
    static final double[] HOUSEHOLD_ELECTRICITY = {
        0.45, 0.38, 0.35, 0.33, 0.33, 0.38, 0.70, 1.15, 1.00, 0.80, 0.75, 0.95,
        1.00, 0.80, 0.70, 0.70, 0.80, 1.20, 1.70, 2.00, 2.00, 1.80, 1.30, 0.80 };

    /** Household water: showers and cooking in the morning and evening, almost nothing at night. */
    static final double[] HOUSEHOLD_WATER = {
        0.20, 0.10, 0.08, 0.08, 0.10, 0.40, 1.60, 2.00, 1.40, 0.90, 0.80, 1.00,
        1.10, 0.80, 0.60, 0.60, 0.70, 1.10, 1.60, 1.70, 1.80, 1.70, 1.10, 0.50 };

    /** Household gas: the stove at breakfast, lunch and dinner, the water heater in the evening. */
    static final double[] HOUSEHOLD_GAS = {
        0.10, 0.05, 0.05, 0.05, 0.05, 0.30, 1.40, 1.60, 0.80, 0.40, 0.60, 1.80,
        1.40, 0.40, 0.30, 0.30, 0.70, 2.20, 2.60, 1.60, 1.40, 1.50, 0.90, 0.30 };

    /**
     * Kitchen waste as it is produced: a light breakfast, lunch and above all dinner preparation. About a
     * fifth of a day's waste (breakfast, the evening's leftovers) reaches the morning window, four fifths
     * the evening window.
     */
    static final double[] KITCHEN_WASTE = {
        0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.03, 0.05, 0.02, 0.01, 0.04, 0.12,
        0.08, 0.02, 0.01, 0.02, 0.08, 0.205, 0.195, 0.06, 0.04, 0.02, 0.00, 0.00 };

    /** Plaza: path lighting from dusk to dawn, full lighting and the sound system of the evening dancers. */
    static final double[] PLAZA_ELECTRICITY = {
        0.80, 0.80, 0.80, 0.80, 0.80, 0.80, 0.40, 0.20, 0.20, 0.20, 0.20, 0.20,
        0.20, 0.20, 0.20, 0.20, 0.30, 0.70, 1.60, 1.80, 1.80, 1.50, 1.00, 0.80 };

    /** Clubhouse: open 08:00-21:00 with lights and air conditioning, standby otherwise. */
    static final double[] CLUBHOUSE_ELECTRICITY = {
        0.20, 0.20, 0.20, 0.20, 0.20, 0.20, 0.20, 0.60, 1.50, 1.60, 1.60, 1.60,
        1.50, 1.50, 1.60, 1.60, 1.60, 1.60, 1.60, 1.70, 1.70, 0.90, 0.30, 0.20 };

    /** The weight of quarter-hour {@code slot} (0..95) in an hourly profile. */
    static double slotWeight(double[] hourly, int slot) {
        return hourly[slot / 4];
    }

    /**
     * A bell around {@code centreHour} on the 24-hour circle, 1 at the centre, for diurnal patterns of
     * the environment.
     */
    static double bump(double hour, double centreHour, double widthHours) {
        double distance = Math.abs(hour - centreHour) % 24;
        distance = Math.min(distance, 24 - distance);
        return Math.exp(-(distance * distance) / (2 * widthHours * widthHours));
    }

    /** A seasonal factor {@code 1 + amplitude * cos(...)} peaking on day-of-year {@code peakDay}, averaging 1. */
    static double seasonal(double dayOfYear, double amplitude, int peakDay) {
        return 1 + amplitude * Math.cos(2 * Math.PI * (dayOfYear - peakDay) / 365.25);
    }

    /** Like {@link #seasonal} with two peaks a year (summer cooling and winter heating). */
    static double twiceYearly(double dayOfYear, double amplitude, int peakDay) {
        return 1 + amplitude * Math.cos(4 * Math.PI * (dayOfYear - peakDay) / 365.25);
    }
}
